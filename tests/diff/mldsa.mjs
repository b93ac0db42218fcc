// SPDX-License-Identifier: ISC
//
// Differential test of sotto's ML-DSA-65 against @noble/post-quantum 0.4.1 (ml_dsa65):
//  1. `mldsa_dump gen N SEED` prints N cases (fixed-seed RNG): seed, context, message, and our
//     public key, secret key and deterministic signature. noble must derive the same keys from
//     the seed, produce the same deterministic signature (its sign() with no `random` argument
//     uses rnd = 32 zero bytes, FIPS 204's deterministic variant), and accept our signature
//     (and reject it under a flipped context or message byte).
//  2. noble then signs each case hedged (random rnd) and also makes a corrupted copy; we feed
//     both to `mldsa_dump verify`, which must accept the first and reject the second.
//  3. `mldsa_dump idsig N SEED`: the hybrid identity signature (src/crypto/idsig.c) rebuilt
//     independently from docs/internals/idsig.md with @noble/hashes SHAKE-256, Node's built-in
//     Ed25519 and noble's ML-DSA-65: keys and deterministic signatures must be byte-identical.
// Exits non-zero on any mismatch; prints the counts. Usage: node tests/diff/mldsa.mjs <dump>
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { randomBytes } from '@noble/post-quantum/utils.js';
import { shake256 } from '@noble/hashes/sha3';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';

const N = 500;
const N_IDSIG = 50;
const SEED = 20260204;
const dump = process.argv[2];
if (!dump) {
  console.error('usage: node tests/diff/mldsa.mjs <path to mldsa_dump>');
  process.exit(2);
}

const unhex = (s) => (s === '-' ? new Uint8Array(0) : Uint8Array.from(Buffer.from(s, 'hex')));
const hex = (b) => (b.length === 0 ? '-' : Buffer.from(b).toString('hex'));
const eq = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const t0 = Date.now();
const out = execFileSync(dump, ['gen', String(N), String(SEED)], {
  maxBuffer: 1 << 28,
  encoding: 'utf8',
});
const lines = out.split('\n').filter((l) => l.length > 0);
if (lines.length !== N) {
  console.error(`mldsa: expected ${N} cases from the dump, got ${lines.length}`);
  process.exit(1);
}

let failures = 0;
const fail = (i, what) => {
  failures++;
  if (failures <= 20) console.error(`mldsa case ${i}: ${what}`);
};
let keys = 0, sigs = 0, ourVerified = 0, rejected = 0;
const back = [];
lines.forEach((line, i) => {
  const [seedH, ctxH, msgH, pkH, skH, sigH] = line.split(' ');
  const seed = unhex(seedH), ctx = unhex(ctxH), msg = unhex(msgH);
  const pk = unhex(pkH), sk = unhex(skH), sig = unhex(sigH);

  const kp = ml_dsa65.keygen(seed);
  if (!eq(kp.publicKey, pk)) fail(i, 'public key differs');
  else if (!eq(kp.secretKey, sk)) fail(i, 'secret key differs');
  else keys++;

  const nsig = ml_dsa65.sign(kp.secretKey, msg, ctx); // rnd = 0^32: deterministic
  if (!eq(nsig, sig)) fail(i, 'deterministic signature differs');
  else sigs++;

  if (!ml_dsa65.verify(pk, msg, sig, ctx)) fail(i, 'noble rejects our signature');
  else ourVerified++;
  const badCtx = ctx.length > 0 ? ctx.map((b, j) => (j === 0 ? b ^ 1 : b)) : Uint8Array.of(0);
  const badMsg = msg.length > 0 ? msg.map((b, j) => (j === msg.length - 1 ? b ^ 0x80 : b)) : Uint8Array.of(1);
  if (ml_dsa65.verify(pk, msg, sig, badCtx) || ml_dsa65.verify(pk, badMsg, sig, ctx)) {
    fail(i, 'noble accepts our signature under another context or message');
  } else {
    rejected++;
  }

  // noble's hedged signature for us to verify, and a corrupted copy for us to reject.
  const hsig = ml_dsa65.sign(kp.secretKey, msg, ctx, randomBytes(32));
  back.push(`${pkH} ${ctxH} ${msgH} ${hex(hsig)} 1`);
  const corrupt = Uint8Array.from(hsig);
  corrupt[(i * 131) % corrupt.length] ^= 1 << (i % 8);
  back.push(`${pkH} ${ctxH} ${msgH} ${hex(corrupt)} 0`);
});

let verifyOut;
try {
  verifyOut = execFileSync(dump, ['verify'], {
    input: back.join('\n') + '\n',
    maxBuffer: 1 << 20,
    encoding: 'utf8',
  });
} catch (e) {
  console.error(`mldsa: sotto verify of noble's signatures failed:\n${e.stdout}${e.stderr}`);
  process.exit(1);
}
// 3. idsig cross-check.
const cat = (...a) => {
  const out = new Uint8Array(a.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of a) {
    out.set(x, o);
    o += x.length;
  }
  return out;
};
const ascii = (s) => new TextEncoder().encode(s);
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const idOut = execFileSync(dump, ['idsig', String(N_IDSIG), String(SEED + 1)], {
  maxBuffer: 1 << 26,
  encoding: 'utf8',
});
let idsigOk = 0;
idOut
  .split('\n')
  .filter((l) => l.length > 0)
  .forEach((line, i) => {
    const [seedH, ctxH, msgH, pkH, sigH] = line.split(' ');
    const seed = unhex(seedH), ctx = unhex(ctxH), msg = unhex(msgH);
    const seeds = shake256(cat(ascii('sotto/idsig/v1/keygen'), seed), { dkLen: 64 });
    const edPriv = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519, seeds.subarray(0, 32)]),
      format: 'der',
      type: 'pkcs8',
    });
    const edPk = new Uint8Array(createPublicKey(edPriv).export({ format: 'der', type: 'spki' }).subarray(-32));
    const ml = ml_dsa65.keygen(seeds.subarray(32, 64));
    const bind = cat(
      ascii('sotto/idsig/v1'),
      Uint8Array.of(ctx.length),
      ctx,
      edPk,
      shake256(ml.publicKey, { dkLen: 64 }),
      shake256(msg, { dkLen: 64 }),
    );
    const sig = cat(new Uint8Array(nodeSign(null, bind, edPriv)), ml_dsa65.sign(ml.secretKey, bind));
    if (!eq(cat(edPk, ml.publicKey), unhex(pkH))) fail(`idsig ${i}`, 'identity public key differs');
    else if (!eq(sig, unhex(sigH))) fail(`idsig ${i}`, 'hybrid signature differs');
    else idsigOk++;
  });

const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(
  `mldsa vs @noble/post-quantum ml_dsa65: ${N} cases: ${keys} key pairs equal, ${sigs} ` +
    `deterministic signatures equal, ${ourVerified} of ours verified by noble, ${rejected} ` +
    `tampered rejected by noble; sotto ${verifyOut.trim()} (noble hedged + corrupted); ` +
    `idsig: ${idsigOk}/${N_IDSIG} hybrid keys and signatures equal to an independent rebuild ` +
    `[${secs} s]`,
);
if (failures > 0 || idsigOk !== N_IDSIG || keys !== N || sigs !== N || ourVerified !== N || rejected !== N) {
  console.error(`mldsa: ${failures} failures`);
  process.exit(1);
}
