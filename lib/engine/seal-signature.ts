import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { VerdictError } from '../errors/index.ts';
import type { Summary } from '../results/index.ts';
import { canonicalJson } from './run-digest.ts';

/** The signature over a sealed summary (summary.json `signature`). */
export interface SealSignature {
  readonly algorithm: 'ed25519';
  /** The signer's public key: SPKI DER, base64. */
  readonly publicKey: string;
  /** SHA-256 of the public key's DER, hex: the fingerprint an auditor pins. */
  readonly keyFingerprint: string;
  /** Ed25519 signature over the canonical JSON of the summary without `signature`, base64. */
  readonly value: string;
}

/** The bytes a seal signature covers: the summary (which holds the manifest and record digests) without its signature. */
export function sealPayload(summary: Summary): Buffer {
  const { signature: _signature, ...unsigned } = summary as Summary & { signature?: unknown };
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

/**
 * Signs a summary with an Ed25519 private key (PEM, PKCS#8). Since the summary carries the
 * SHA-256 of the manifest and of every record, the signature covers the whole result set.
 */
export function signSummary(summary: Summary, privateKeyPem: string, where = 'signing key'): Summary & { signature: SealSignature } {
  const key = parseKey(() => createPrivateKey(privateKeyPem), where, 'an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)');
  const publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const signature: SealSignature = {
    algorithm: 'ed25519',
    publicKey: publicDer.toString('base64'),
    keyFingerprint: createHash('sha256').update(publicDer).digest('hex'),
    value: sign(null, sealPayload(summary), key).toString('base64'),
  };
  return { ...summary, signature };
}

/** What checking a seal signature found. */
export interface SignatureCheck {
  /** `unsigned`: no signature; `valid`: verifies (with the pinned key when one was given); `invalid` otherwise. */
  readonly status: 'unsigned' | 'valid' | 'invalid';
  readonly fingerprint?: string;
  readonly problem?: string;
}

/**
 * Checks a summary's seal signature. With `trustedPublicKeyPem` the signature must verify with
 * that key (an embedded key alone proves nothing: whoever rewrote the summary could re-sign it
 * with a key of their own); without it, with the embedded key, and the fingerprint is reported.
 */
export function checkSealSignature(summary: Summary, trustedPublicKeyPem?: string): SignatureCheck {
  const signature = (summary as Summary & { signature?: SealSignature }).signature;
  if (!signature) {
    return trustedPublicKeyPem
      ? { status: 'invalid', problem: 'summary.json is not signed, but a public key was given to check its signature' }
      : { status: 'unsigned' };
  }
  if (signature.algorithm !== 'ed25519') return { status: 'invalid', problem: `unknown signature algorithm ${JSON.stringify(signature.algorithm)}` };
  let key: KeyObject;
  try {
    key = trustedPublicKeyPem ? createPublicKey(trustedPublicKeyPem) : createPublicKey({ key: Buffer.from(signature.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    return { status: 'invalid', problem: `the public key cannot be read (${(error as Error).message})` };
  }
  const fingerprint = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
  let valid = false;
  try {
    valid = verify(null, sealPayload(summary), key, Buffer.from(signature.value, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) {
    const why = trustedPublicKeyPem && fingerprint !== signature.keyFingerprint ? ' (signed by another key)' : '';
    return { status: 'invalid', fingerprint, problem: `the seal signature does not verify with key ${fingerprint.slice(0, 16)}…${why}` };
  }
  return { status: 'valid', fingerprint };
}

function parseKey(read: () => KeyObject, where: string, expected: string): KeyObject {
  let key: KeyObject;
  try {
    key = read();
  } catch (error) {
    throw new VerdictError('USAGE', `${where}: not a readable key (${(error as Error).message}); expected ${expected}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new VerdictError('USAGE', `${where}: a ${key.asymmetricKeyType} key; expected ${expected}`);
  return key;
}
