// SPDX-License-Identifier: ISC
//
// Differential test of sotto's handshake (docs/PROTOCOL.md §3) against an independent
// recomputation with @noble/curves 1.9.7 (x25519), @noble/hashes 1.8.0 (SHA-512, HKDF-SHA512,
// SHAKE-256), @noble/ciphers 1.3.0 (ChaCha20-Poly1305) and @noble/post-quantum 0.4.1 (ML-KEM-768).
// tests/diff/handshake_dump.c prints, per case, the identity seeds, the 128 random bytes each
// side draws, the payloads, and everything our engine produced. From the seeds alone this script
// derives the identities' X25519 keys (SHAKE-256, §1), the ephemerals, the ML-KEM key pair, the
// encapsulation, every MixHash/MixKey, every AEAD and Split, and requires msg1..msg4, h and the
// ratchet's initial keys to be equal byte for byte. The pq-auth signatures (hybrid Ed25519 +
// ML-DSA-65 over the transcript hash) are taken from our messages after decrypting them with the
// keys computed here, and then re-encrypted; their length and position are checked.
// Exits non-zero on any mismatch or a short count; prints the counts.
// Usage: node tests/diff/handshake.mjs <path to handshake_dump>
import { x25519 } from '@noble/curves/ed25519.js';
import { extract, expand } from '@noble/hashes/hkdf.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { execFileSync } from 'node:child_process';

const N = 64;
const bin = process.argv[2];
if (!bin) {
  console.error('usage: node tests/diff/handshake.mjs <handshake_dump>');
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
const u32le = (v) => new Uint8Array([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);
const u16le = (v) => new Uint8Array([v & 255, (v >>> 8) & 255]);

const PROTOCOL_NAME = 'sotto-hs/Noise_XXhfs_25519+MLKEM768_ChaChaPoly_SHA512';
const SIG_LEN = 3373;
const ID_LEN = 2017;

// Noise SymmetricState with one key per direction (§3.2).
class Sym {
  constructor() {
    this.h = sha512(utf8(PROTOCOL_NAME));
    this.ck = this.h.slice();
    this.k = { i2r: null, r2i: null };
    this.n = { i2r: 0, r2i: 0 };
  }
  mixHash(x) {
    this.h = sha512(cat(this.h, x));
  }
  mixKey(ikm) {
    const prk = extract(sha512, ikm, this.ck);
    this.ck = expand(sha512, prk, utf8('sotto hs v1 ck'), 64);
    this.k.i2r = expand(sha512, prk, utf8('sotto hs v1 k i2r'), 32);
    this.k.r2i = expand(sha512, prk, utf8('sotto hs v1 k r2i'), 32);
    this.n = { i2r: 0, r2i: 0 };
  }
  nonce(dir) {
    const nonce = new Uint8Array(12);
    new DataView(nonce.buffer).setBigUint64(4, BigInt(this.n[dir]), true);
    return nonce;
  }
  // Decrypt without advancing (to recover a signature from our message).
  peek(dir, c) {
    return chacha20poly1305(this.k[dir], this.nonce(dir), this.h).decrypt(c);
  }
  enc(dir, pt) {
    const c = chacha20poly1305(this.k[dir], this.nonce(dir), this.h).encrypt(pt);
    this.n[dir]++;
    this.mixHash(c);
    return c;
  }
  splitKey(label) {
    return expand(sha512, this.ck, cat(utf8(label), this.h), 32);
  }
}

const dh = (sk, pk) => x25519.getSharedSecret(sk, pk);
const identitySk = (seed) =>
  shake256(cat(utf8('sotto/identity/v1/keygen'), seed), { dkLen: 64 }).slice(32, 64);

function pickVersion(offered, supported) {
  const common = offered & supported;
  for (let v = 32; v >= 1; v--) if ((common >>> (v - 1)) & 1) return v;
  return 0;
}

const out = execFileSync(bin, [String(N)], { encoding: 'utf8', maxBuffer: 256 << 20 });
const counts = { cases: 0, pq: 0, v2: 0, fields: 0 };
let bad = 0;
const check = (what, got, want) => {
  if (hex(got) === want) counts.fields++;
  else {
    bad++;
    if (bad <= 10) console.error(`MISMATCH case ${counts.cases} ${what}`);
  }
};

for (const line of out.split('\n')) {
  if (line === '') continue;
  const f = line.split(' ');
  if (f[0] !== 'hs' || f.length !== 22) {
    console.error(`bad line: ${line.slice(0, 80)}`);
    process.exit(1);
  }
  const [flagsI, flagsR, versI, versR] = f.slice(1, 5).map(Number);
  const [seedI, seedR, rndI, rndR, payI, payR, idI, idR] = f.slice(5, 13).map(unhex);
  const [m1, m2, m3, m4, hF, root, hkA, nhkB, ad] = f.slice(13, 22);

  // Identities: the X25519 static keys from the seeds (§1), public halves as encoded.
  const sI = identitySk(seedI);
  const sR = identitySk(seedR);
  check('S_i', x25519.getPublicKey(sI), hex(idI.slice(1, 33)));
  check('S_r', x25519.getPublicKey(sR), hex(idR.slice(1, 33)));

  const ss = new Sym();
  // msg1
  const eI = rndI.slice(0, 32);
  const kem = ml_kem768.keygen(rndI.slice(32, 96));
  const msg1 = cat(new Uint8Array([1]), u32le(versI), new Uint8Array([flagsI & 1]),
    x25519.getPublicKey(eI), kem.publicKey);
  check('msg1', msg1, m1);
  ss.mixHash(msg1);
  // msg2
  const version = pickVersion(versI, versR);
  const pq = ((flagsI | flagsR) & 1) === 1;
  const eR = rndR.slice(0, 32);
  const enc = ml_kem768.encapsulate(kem.publicKey, rndR.slice(32, 64));
  check('decaps', ml_kem768.decapsulate(enc.cipherText, kem.secretKey), hex(enc.sharedSecret));
  const hdr2 = cat(new Uint8Array([2, version, pq ? 1 : 0]), x25519.getPublicKey(eR),
    enc.cipherText);
  ss.mixHash(hdr2);
  ss.mixKey(dh(eR, x25519.getPublicKey(eI))); // ee
  ss.mixKey(enc.sharedSecret); // ekem
  const cIdR = ss.enc('r2i', idR); // s
  ss.mixKey(dh(sR, x25519.getPublicKey(eI))); // es
  check('es symmetric', dh(eI, idR.slice(1, 33)), hex(dh(sR, x25519.getPublicKey(eI))));
  const m2b = unhex(m2);
  const ours2 = ss.peek('r2i', m2b.slice(hdr2.length + cIdR.length));
  const sigR = pq ? ours2.slice(32, 32 + SIG_LEN) : new Uint8Array(0);
  const rpk = x25519.getPublicKey(rndR.slice(64, 96));
  const p2 = cat(rpk, sigR, u16le(payR.length), payR);
  check('payload2', ours2, hex(p2));
  const msg2 = cat(hdr2, cIdR, ss.enc('r2i', p2));
  check('msg2', msg2, m2);
  // msg3
  ss.mixHash(new Uint8Array([3]));
  const cIdI = ss.enc('i2r', idI);
  ss.mixKey(dh(sI, x25519.getPublicKey(eR))); // se
  const m3b = unhex(m3);
  const ours3 = ss.peek('i2r', m3b.slice(1 + cIdI.length));
  const sigI = pq ? ours3.slice(0, SIG_LEN) : new Uint8Array(0);
  const p3 = cat(sigI, u16le(payI.length), payI);
  check('payload3', ours3, hex(p3));
  const msg3 = cat(new Uint8Array([3]), cIdI, ss.enc('i2r', p3));
  check('msg3', msg3, m3);
  // Split and msg4
  check('msg4', cat(new Uint8Array([4]), ss.splitKey('sotto hs v1 confirm r2i')), m4);
  check('h', ss.h, hF);
  check('root', ss.splitKey('sotto hs v1 ratchet root'), root);
  check('hk_a', ss.splitKey('sotto hs v1 ratchet hk a'), hkA);
  check('nhk_b', ss.splitKey('sotto hs v1 ratchet nhk b'), nhkB);
  check('ad', sha512(cat(utf8('sotto hs v1 ratchet ad'), ss.h, idI, idR)).slice(0, 32), ad);
  if (idI.length !== ID_LEN || idR.length !== ID_LEN) bad++;
  counts.cases++;
  if (pq) counts.pq++;
  if (version === 2) counts.v2++;
}

console.log(
  `handshake: ${counts.cases} handshakes recomputed (${counts.pq} pq-auth, ${counts.v2} at version 2), ` +
    `${counts.fields} fields equal, ${bad} mismatches`
);
if (bad !== 0 || counts.cases !== N || counts.pq === 0 || counts.v2 === 0) process.exit(1);
