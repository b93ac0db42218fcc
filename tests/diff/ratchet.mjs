// SPDX-License-Identifier: ISC
//
// Differential test of sotto's ratchet (docs/PROTOCOL.md §5) against an independent
// recomputation with @noble/curves 1.9.7 (X25519), @noble/hashes 1.8.0 (HMAC-SHA512,
// HKDF-SHA512), @noble/ciphers 1.3.0 (XChaCha20-Poly1305) and @noble/post-quantum 0.4.1
// (ML-KEM-768 key generation). tests/diff/ratchet_dump.c prints, per case, the init values, Bob's
// initial ratchet secret, every random draw of each side, and what our engine produced for
// Alice's first two messages and Bob's first reply (a DH ratchet step on both sides). From the
// init values and the draws alone this script derives Alice's and Bob's ratchet keys, the root,
// chain, header and message keys, the ML-KEM encapsulation key chunks carried in the PQ slot,
// the encrypted headers and bodies, and requires every key and every ciphertext to be equal
// byte for byte. Exits non-zero on any mismatch or a short count; prints the counts.
// Usage: node tests/diff/ratchet.mjs <path to ratchet_dump>
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { chacha20orig, chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { execFileSync } from 'node:child_process';

const NCASES = 16;
const bin = process.argv[2];
if (!bin) {
  console.error('usage: node tests/diff/ratchet.mjs <ratchet_dump>');
  process.exit(2);
}

const hex = (u8) => Buffer.from(u8).toString('hex');
const unhex = (s) => (s === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(s, 'hex')));
const utf8 = (s) => new TextEncoder().encode(s);
const cat = (...a) => {
  const out = new Uint8Array(a.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of a) {
    out.set(x, o);
    o += x.length;
  }
  return out;
};
const u32 = (v) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
};

// KDFs (docs/PROTOCOL.md §5, KDFs).
const LABEL_RK = utf8('sotto v1 ratchet root');
const kdfRk = (rk, dh) => {
  const okm = hkdf(sha512, dh, rk, LABEL_RK, 96);
  return { rk: okm.slice(0, 32), ck: okm.slice(32, 64), nhk: okm.slice(64, 96) };
};
const kdfCk = (ck) => {
  const t = hmac(sha512, ck, new Uint8Array([1]));
  return { ck: t.slice(0, 32), mk: t.slice(32, 64) };
};

// PQ slot: type 1 (EK), index, round id, ack, 296 chunk bytes.
const CHUNK = 296;
const slotEk = (ek, idx, id) => {
  const chunk = new Uint8Array(CHUNK);
  chunk.set(ek.slice(idx * CHUNK, Math.min(ek.length, (idx + 1) * CHUNK)));
  return cat(new Uint8Array([1, idx]), u32(id), u32(0), chunk);
};

// Message nonce i: the first 24 bytes of ChaCha20 (64-bit nonce = i LE, block 0) under the
// 32-byte nonce key the sender drew at its first encrypt.
const nonceAt = (nk, i) => {
  const ctr = new Uint8Array(8);
  new DataView(ctr.buffer).setBigUint64(0, BigInt(i), true);
  return chacha20orig(nk, ctr, new Uint8Array(24));
};

// Header: XChaCha20-Poly1305 under HK with the 24-byte nonce; body: ChaCha20-Poly1305 (IETF)
// under the one-time MK with the first 12 nonce bytes.
const seal = (hk, mk, ad, nonce, dhPub, pn, n, mixed, slot, pt) => {
  const hdr = cat(dhPub, u32(pn), u32(n), u32(mixed), slot);
  if (hdr.length !== 350) throw new Error('header length');
  const hct = xchacha20poly1305(hk, nonce, cat(new Uint8Array([1]), ad)).encrypt(hdr);
  const head = cat(new Uint8Array([1]), nonce, hct);
  const body = chacha20poly1305(mk, nonce.slice(0, 12), cat(ad, head)).encrypt(pt);
  return cat(head, body);
};

// Parse the dump.
const out = execFileSync(bin, { maxBuffer: 1 << 26 }).toString();
const cases = [];
let cur = null;
for (const line of out.split('\n')) {
  if (line.startsWith('case ')) {
    cur = { a_draw: [], b_draw: [] };
  } else if (line === 'end') {
    cases.push(cur);
    cur = null;
  } else if (line.length > 0) {
    const [k, v] = line.split(' ');
    if (k === 'a_draw' || k === 'b_draw') cur[k].push(unhex(v));
    else cur[k] = unhex(v);
  }
}

let checks = 0;
let fails = 0;
const eq = (c, name, got, want) => {
  checks++;
  if (hex(got) !== hex(want)) {
    fails++;
    console.error(`case ${c}: ${name} differs\n  ours:  ${hex(want)}\n  noble: ${hex(got)}`);
  }
};

cases.forEach((k, c) => {
  const [aDh, aSeed, aNonceKey] = k.a_draw;
  const [bDh, bSeed, bNonceKey] = k.b_draw;
  const aNonce1 = nonceAt(aNonceKey, 0);
  const aNonce2 = nonceAt(aNonceKey, 1);
  const bNonce = nonceAt(bNonceKey, 0);
  const bobPub = x25519.getPublicKey(k.bob_sk);

  // Alice: first sending step against Bob's initial ratchet key.
  const aPub = x25519.getPublicKey(aDh);
  const s1 = kdfRk(k.sk, x25519.getSharedSecret(aDh, bobPub));
  const aEk = ml_kem768.keygen(aSeed).publicKey;
  const hksA = k.hk_a;
  const c1 = kdfCk(s1.ck);
  const c2 = kdfCk(c1.ck);
  eq(c, 'm1 root key', s1.rk, k.m1_rk);
  eq(c, 'm1 header key', hksA, k.m1_hks);
  eq(c, 'm1 next header key', s1.nhk, k.m1_nhks);
  eq(c, 'm1 message key', c1.mk, k.m1_mk);
  eq(c, 'm1 chain key', c1.ck, k.m1_cks);
  eq(c, 'm1 ciphertext',
    seal(hksA, c1.mk, k.ad, aNonce1, aPub, 0, 0, 0, slotEk(aEk, 0, 1), k.m1_pt), k.m1_ct);
  eq(c, 'm2 message key', c2.mk, k.m2_mk);
  eq(c, 'm2 chain key', c2.ck, k.m2_cks);
  eq(c, 'm2 ciphertext',
    seal(hksA, c2.mk, k.ad, aNonce2, aPub, 0, 1, 0, slotEk(aEk, 1, 1), k.m2_pt), k.m2_ct);

  // Bob: receiving step (same root output as Alice's sending step), then his sending step.
  const r1 = kdfRk(k.sk, x25519.getSharedSecret(k.bob_sk, aPub));
  eq(c, 'bob receiving root key', r1.rk, s1.rk);
  const bPub = x25519.getPublicKey(bDh);
  const s2 = kdfRk(r1.rk, x25519.getSharedSecret(bDh, aPub));
  const bEk = ml_kem768.keygen(bSeed).publicKey;
  const c3 = kdfCk(s2.ck);
  eq(c, 'm3 root key', s2.rk, k.m3_rk);
  eq(c, 'm3 header key (nhk_b)', k.nhk_b, k.m3_hks);
  eq(c, 'm3 next header key', s2.nhk, k.m3_nhks);
  eq(c, 'm3 chain key', c3.ck, k.m3_cks);
  eq(c, 'm3 ciphertext',
    seal(k.nhk_b, c3.mk, k.ad, bNonce, bPub, 0, 0, 0, slotEk(bEk, 0, 1), k.m3_pt), k.m3_ct);

  // Alice after receiving Bob's reply.
  const r2 = kdfRk(s1.rk, x25519.getSharedSecret(aDh, bPub));
  eq(c, 'alice root key after the reply', r2.rk, k.a_rk);
  eq(c, 'alice receiving header key', k.nhk_b, k.a_hkr);
  eq(c, 'alice next receiving header key', r2.nhk, k.a_nhkr);
});

console.log(`diff_ratchet: ${cases.length} cases, ${checks} values compared, ${fails} mismatches`);
if (cases.length !== NCASES || fails !== 0 || checks !== NCASES * 18) {
  process.exit(1);
}
