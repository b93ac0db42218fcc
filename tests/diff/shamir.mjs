// SPDX-License-Identifier: ISC
//
// Differential test of sotto's Shamir secret sharing (src/crypto/shamir.c) against the
// independent npm package shamir-secret-sharing 0.0.4 (Privy). Both share each byte over
// GF(2^8) with the AES polynomial and rebuild at x = 0, so the y bytes of a share mean the same
// in both; only the framing differs. Theirs is the y bytes followed by one x byte; ours is a
// 16-byte header (version, k, x, reserved, split id, little-endian length) followed by the y bytes.
// Their API needs k >= 2 and a non-empty secret; their split uses x in 1..255, ours 1..16.
//
//  1. Every valid record of tests/vectors/shamir.txt with k >= 2 and a non-empty secret: their
//     combine of several k-subsets of our shares (first k, last k, and seeded random ones) must
//     give the record's secret.
//  2. `shamir_dump split N SEED` (our splits, fixed-seed RNG): their combine of a k-subset picked
//     by the seeded PRNG below must give our secret.
//  3. Their splits (made with their own CSPRNG, so not reproducible; that is fine):
//     `shamir_dump combine` on k of their shares with x <= 16 must give the secret, and on k - 1
//     of them must print ERR.
// Prints the counts; exits 1 on any mismatch or if a section ran no case.
// Usage (ctest, from the repo root): node tests/diff/shamir.mjs <path to shamir_dump>
import { combine, split } from 'shamir-secret-sharing';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const VECTORS = 'tests/vectors/shamir.txt';
const N_OURS = 2000; // section 2
const N_THEIRS = 2000; // section 3
const DUMP_SEED = '20260213'; // seed of shamir_dump's test RNG
const HDR_LEN = 16; // bytes of our share header
const MAX_X = 16; // our largest x-coordinate (SOTTO_SHAMIR_MAX_SHARES)
const RANDOM_SUBSETS = 4; // per vector record, besides the first k and the last k

const dump = process.argv[2];
if (!dump) {
  console.error('usage: node tests/diff/shamir.mjs <path to shamir_dump>');
  process.exit(2);
}

// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic PRNG, so a failure reproduces.
const splitmix64 = (seed) => {
  let s = BigInt.asUintN(64, seed);
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
};
const next64 = splitmix64(0x5a3d1ffn);
// Uniform enough in [0, n) for n <= 256: the modulo bias of a 64-bit draw is below 2^-56.
const below = (n) => Number(next64() % BigInt(n));
// k distinct elements of `arr` in random order (partial Fisher-Yates on a copy).
const pick = (arr, k) => {
  const a = arr.slice();
  for (let i = 0; i < k; i++) {
    const j = i + below(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
};

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => {
  if (!/^([0-9a-f]{2})*$/.test(s)) throw new Error(`not lowercase hex: '${s.slice(0, 40)}'`);
  return Uint8Array.from(Buffer.from(s, 'hex'));
};
const u32le = (b, o) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

let failures = 0;
const fail = (what) => {
  failures++;
  if (failures <= 20) console.error(`shamir: ${what}`);
};

// Converts one of our shares to theirs after checking its header against the expected k, x,
// split id and secret length: y bytes, then the x byte.
const toTheirs = (share, k, x, id, len) => {
  if (share.length !== HDR_LEN + len) {
    throw new Error(`share of ${share.length} bytes, want ${HDR_LEN + len}`);
  }
  if (share[0] !== 1 || share[1] !== k || share[2] !== x || share[3] !== 0) {
    throw new Error(`share header ${hex(share.subarray(0, 4))}, want 01${hex([k, x])}00`);
  }
  if (hex(share.subarray(4, 12)) !== id) throw new Error('split id differs between shares');
  if (u32le(share, 12) !== len) throw new Error(`length field ${u32le(share, 12)}, want ${len}`);
  const out = new Uint8Array(len + 1);
  out.set(share.subarray(HDR_LEN));
  out[len] = x;
  return out;
};

// Their combine of the shares at `idx` (0-based, so x = idx + 1) of one of our splits, as hex;
// a bad header or an exception from their combine gives a message that cannot equal a secret.
const theirCombine = async (shares, idx, k, len) => {
  try {
    const id = hex(shares[0].subarray(4, 12));
    return hex(await combine(idx.map((i) => toTheirs(shares[i], k, i + 1, id, len))));
  } catch (e) {
    return `error: ${e.message}`;
  }
};

// ---- 1. our known-answer vectors -> their combine ---------------------------------------------
// The file is a sequence of fields, one per line, each hex ending in ':'; blank lines and '#'
// comments separate records (format at the top of the file).
const fields = [];
readFileSync(VECTORS, 'utf8')
  .split('\n')
  .forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    if (!/^([0-9a-f]{2})*:$/.test(line)) throw new Error(`${VECTORS}:${i + 1}: malformed field`);
    fields.push(line.slice(0, -1));
  });
const num = (f) => {
  if (f.length !== 2) throw new Error(`${VECTORS}: count field '${f}' is not one byte`);
  return parseInt(f, 16);
};
let kat = 0, katRecords = 0, katSkipped = 0, katNegative = 0;
for (let i = 0; i < fields.length; ) {
  const flag = fields[i++];
  if (flag === '01') {
    // Negative combine case (err, count, shares): their format cannot express our headers.
    i += 1;
    i += 1 + num(fields[i]);
    katNegative++;
    continue;
  }
  if (flag !== '00') throw new Error(`${VECTORS}: unknown record flag '${flag}'`);
  const k = num(fields[i++]), n = num(fields[i++]);
  const secret = fields[i++];
  i++; // rand
  const shares = fields.slice(i, i + n).map(unhex);
  i += n;
  if (shares.length !== n) throw new Error(`${VECTORS}: truncated record`);
  if (k < 2 || secret.length === 0) {
    katSkipped++;
    continue;
  }
  katRecords++;
  const all = [...Array(n).keys()];
  const subsets = [all.slice(0, k), all.slice(n - k)];
  for (let r = 0; r < RANDOM_SUBSETS; r++) subsets.push(pick(all, k));
  for (const idx of subsets) {
    const got = await theirCombine(shares, idx, k, secret.length / 2);
    if (got === secret) kat++;
    else fail(`vector ${k}-of-${n}, x ${idx.map((j) => j + 1)}: ${got.slice(0, 40)}`);
  }
}

// ---- 2. our splits -> their combine ------------------------------------------------------------
const ourLines = execFileSync(dump, ['split', String(N_OURS), DUMP_SEED], {
  maxBuffer: 1 << 26,
  encoding: 'utf8',
})
  .split('\n')
  .filter((l) => l.length > 0);
if (ourLines.length !== N_OURS) {
  fail(`expected ${N_OURS} splits from the dump, got ${ourLines.length}`);
}
let ours = 0;
for (const [c, line] of ourLines.entries()) {
  const [ks, ns, secret, ...shareHex] = line.split(' ');
  const k = Number(ks), n = Number(ns);
  if (!(k >= 2 && k <= n && n <= MAX_X) || shareHex.length !== n) {
    fail(`split ${c}: malformed line '${line.slice(0, 40)}'`);
    continue;
  }
  const idx = pick([...Array(n).keys()], k);
  const got = await theirCombine(shareHex.map(unhex), idx, k, secret.length / 2);
  if (got === secret) ours++;
  else fail(`split ${c}, ${k}-of-${n}, x ${idx.map((j) => j + 1)}: ${got.slice(0, 40)}`);
}

// ---- 3. their splits -> our combine ------------------------------------------------------------
// Each case gives two lines to the dump: k shares (must rebuild the secret) and the first k - 1 of
// them (must fail: our combine reports "not enough", which the dump prints as ERR).
const input = [], want = [];
for (let c = 0; c < N_THEIRS; c++) {
  const k = 2 + below(MAX_X - 1); // 2..16
  const len = 1 + below(200);
  const secret = Uint8Array.from({ length: len }, () => below(256));
  // n = 255 uses every x in 1..255 (in a random order), so all of 1..16 are present.
  const usable = (await split(secret, 255, k)).filter((s) => s[len] >= 1 && s[len] <= MAX_X);
  if (usable.length !== MAX_X) {
    throw new Error(`their split gave ${usable.length} shares with x <= 16, want 16`);
  }
  const chosen = pick(usable, k).map((s) => `${s[len]}:${hex(s.subarray(0, len))}`);
  input.push(`${k} ${chosen.join(' ')}`, `${k} ${chosen.slice(0, k - 1).join(' ')}`);
  want.push(hex(secret), 'ERR');
}
let got;
try {
  got = execFileSync(dump, ['combine'], {
    input: input.join('\n') + '\n',
    maxBuffer: 1 << 26,
    encoding: 'utf8',
  }).split('\n');
} catch (e) {
  console.error(`shamir: shamir_dump combine failed (status ${e.status}):\n${e.stderr}`);
  process.exit(1);
}
if (got.length !== want.length + 1 || got[want.length] !== '') {
  fail(`our combine printed ${got.length - 1} lines for ${want.length}`);
}
let theirs = 0, short = 0;
for (let j = 0; j < want.length; j++) {
  if (got[j] !== want[j]) {
    const line = input[j].slice(0, 40);
    fail(`their split ${j >> 1}, line '${line}': got '${String(got[j]).slice(0, 40)}'`);
  } else if (want[j] === 'ERR') {
    short++;
  } else {
    theirs++;
  }
}

console.log(
  `shamir vs shamir-secret-sharing 0.0.4: ` +
    `vectors: ${kat} combines of ${katRecords} records ok (${katSkipped} with k = 1 or empty ` +
    `secret and ${katNegative} negative records skipped); ` +
    `our splits -> their combine: ${ours}/${N_OURS} ok; ` +
    `their splits -> our combine: ${theirs}/${N_THEIRS} ok, ${short}/${N_THEIRS} k-1 refused`,
);
if (failures > 0 || kat === 0 || ours !== N_OURS || theirs !== N_THEIRS || short !== N_THEIRS) {
  console.error(`shamir: ${failures} failures`);
  process.exit(1);
}
