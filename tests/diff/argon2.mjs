// SPDX-License-Identifier: ISC
// Differential test: Argon2id and BLAKE2b of our libsodium wrappers (tests/diff/argon2_dump.c)
// against @noble/hashes 1.8.0, an independent JavaScript implementation. Usage:
//   node tests/diff/argon2.mjs <path to argon2_dump>
// Exits non-zero on any mismatch, on a dump that fails, or if no case ran; prints counts.
import { execFileSync } from 'node:child_process';
import { argon2id } from '@noble/hashes/argon2';
import { blake2b } from '@noble/hashes/blake2b';

const bin = process.argv[2];
if (!bin) {
  console.error('usage: node tests/diff/argon2.mjs <argon2_dump>');
  process.exit(2);
}

const hex = (u8) => Buffer.from(u8).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

const out = execFileSync(bin, { encoding: 'utf8', maxBuffer: 64 << 20 });
const counts = { argon2id: 0, blake2b: 0 };
let bad = 0;
for (const line of out.split('\n')) {
  if (line === '') continue;
  const c = JSON.parse(line);
  let want;
  if (c.kind === 'argon2id') {
    want = argon2id(unhex(c.pw), unhex(c.salt), { t: c.t, m: c.m, p: 1, dkLen: c.len });
  } else if (c.kind === 'blake2b') {
    const opts = { dkLen: c.len };
    if (c.key.length > 0) opts.key = unhex(c.key);
    want = blake2b(unhex(c.msg), opts);
  } else {
    console.error(`unknown kind ${c.kind}`);
    process.exit(1);
  }
  counts[c.kind]++;
  if (hex(want) !== c.out) {
    bad++;
    console.error(`MISMATCH ${line}\n  noble: ${hex(want)}`);
  }
}
console.log(`argon2id: ${counts.argon2id} cases, blake2b: ${counts.blake2b} cases, ${bad} mismatches`);
if (bad !== 0 || counts.argon2id !== 30 || counts.blake2b !== 300) process.exit(1);
