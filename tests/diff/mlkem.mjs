// SPDX-License-Identifier: ISC
//
// Differential test of sotto's ML-KEM-768 against @noble/post-quantum 0.4.1 (ml_kem768 from
// '@noble/post-quantum/ml-kem.js'), an independent implementation of FIPS 203.
// tests/diff/mlkem_dump.c prints, for 1000 fixed-seed cases, the key-generation seed d||z, the
// encapsulation randomness m, and our pk, sk, ciphertext and shared secret, plus a corrupted
// ciphertext and our (implicit-rejection) key for it. noble must derive the same pk and sk from
// the seed, produce the same ciphertext and key from (pk, m), decapsulate our ciphertext to the
// same key, and give the same implicit-rejection key for the corrupted one. Then 100 public keys
// with a coefficient >= q: we must return SOTTO_E_INVAL (2). noble 0.4.1 cannot be the oracle
// there: its FIPS 203 §7.2 modulus check is a no-op (ByteDecode_12 does not reduce mod q, so
// ByteEncode_12(ByteDecode_12(ek)) == ek always) and it accepts such keys. The check is therefore
// made here, by decoding the 12-bit coefficients in JavaScript, and noble's acceptance is counted
// and printed so a future fixed noble shows up in the log.
// Exits non-zero on any mismatch or if a count is short; prints the counts.
// Usage: node tests/diff/mlkem.mjs <path to mlkem_dump>
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { execFileSync } from 'node:child_process';

const N = 1000;
const bin = process.argv[2];
if (!bin) {
  console.error('usage: node tests/diff/mlkem.mjs <mlkem_dump>');
  process.exit(2);
}

const hex = (u8) => Buffer.from(u8).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

const out = execFileSync(bin, [String(N)], { encoding: 'utf8', maxBuffer: 256 << 20 });
const counts = { keygen: 0, encaps: 0, decaps: 0, reject: 0, badpk: 0, nobleAccepts: 0 };
let bad = 0;
const fail = (what, line) => {
  bad++;
  if (bad <= 10) console.error(`MISMATCH ${what}: ${line.slice(0, 200)}...`);
};

for (const line of out.split('\n')) {
  if (line === '') continue;
  const f = line.split(' ');
  if (f[0] === 'kem') {
    const [, seed, m, pk, sk, ct, ss, ct2, ss2] = f;
    const kp = ml_kem768.keygen(unhex(seed));
    if (hex(kp.publicKey) === pk && hex(kp.secretKey) === sk) counts.keygen++;
    else fail('keygen', line);
    const enc = ml_kem768.encapsulate(unhex(pk), unhex(m));
    if (hex(enc.cipherText) === ct && hex(enc.sharedSecret) === ss) counts.encaps++;
    else fail('encaps', line);
    if (hex(ml_kem768.decapsulate(unhex(ct), unhex(sk))) === ss) counts.decaps++;
    else fail('decaps', line);
    if (ct2 !== ct && hex(ml_kem768.decapsulate(unhex(ct2), unhex(sk))) === ss2 && ss2 !== ss)
      counts.reject++;
    else fail('implicit rejection', line);
  } else if (f[0] === 'badpk') {
    const [, pk, rc] = f;
    const b = unhex(pk);
    let overflow = false;
    for (let i = 0; i < 384 * 3; i += 3) {
      const c0 = b[i] | ((b[i + 1] & 0x0f) << 8);
      const c1 = (b[i + 1] >> 4) | (b[i + 2] << 4);
      if (c0 >= 3329 || c1 >= 3329) overflow = true;
    }
    if (overflow && rc === '2') counts.badpk++;
    else fail(`bad pk (ours rc=${rc}, has coefficient >= q: ${overflow})`, line);
    try {
      ml_kem768.encapsulate(b, new Uint8Array(32));
      counts.nobleAccepts++;
    } catch (e) {
      /* a fixed noble refuses the key, as it should */
    }
  } else {
    fail('unknown line', line);
  }
}
console.log(
  `ml-kem-768 vs noble: keygen ${counts.keygen}, encaps ${counts.encaps}, decaps ${counts.decaps}, ` +
    `implicit rejection ${counts.reject}, bad pk refused ${counts.badpk} ` +
    `(noble 0.4.1 accepted ${counts.nobleAccepts} of them: its modulus check is a no-op); ` +
    `${bad} mismatches`,
);
const short = ['keygen', 'encaps', 'decaps', 'reject'].some((k) => counts[k] !== N);
if (bad !== 0 || short || counts.badpk !== N / 10) process.exit(1);
