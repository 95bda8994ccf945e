import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { VerdictError } from '../errors/index.ts';
import { storedFormOf, type Summary } from '../results/index.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The signature over a sealed summary (summary.json `signature`): Ed25519 over the payload (a key
 * file), or ECDSA P-256 with SHA-256 over the payload's SHA-256 in hex (an AWS KMS key, which
 * signs messages of at most 4 KB, so it signs the digest text; see docs/audit.md).
 */
export type SealSignature = Ed25519SealSignature | KmsSealSignature;

export interface Ed25519SealSignature {
  readonly algorithm: 'ed25519';
  /** The signer's public key: SPKI DER, base64. */
  readonly publicKey: string;
  /** SHA-256 of the public key's DER, hex: the fingerprint an auditor pins. */
  readonly keyFingerprint: string;
  /** Ed25519 signature over the canonical JSON of the summary without `signature`, base64. */
  readonly value: string;
}

export interface KmsSealSignature {
  readonly algorithm: 'ecdsa-p256-sha256';
  /** The KMS key that signed (its ARN), for `aws kms get-public-key`. */
  readonly keyId: string;
  /** The key's public half (SPKI DER, base64) when the signer could read it; else pin it with `--public-key`. */
  readonly publicKey?: string;
  readonly keyFingerprint?: string;
  /** DER ECDSA signature (KMS `ECDSA_SHA_256`) over the UTF-8 hex SHA-256 of the payload, base64. */
  readonly value: string;
}

/**
 * Signs the seal payload: an Ed25519 key file ({@link keyFileSigner}) or an AWS KMS key
 * (lib/cloud-lambda/kms-signer.ts). Given the payload bytes, returns the whole signature object.
 */
export interface SealSigner {
  sign(payload: Buffer): Promise<SealSignature>;
}

/** The text a KMS seal signature signs: the payload's SHA-256, hex (64 ASCII bytes). */
export function kmsSignedMessage(payload: Buffer): Buffer {
  return Buffer.from(createHash('sha256').update(payload).digest('hex'), 'utf8');
}

/** The SHA-256 fingerprint (hex) of a public key's SPKI DER. */
export function keyFingerprintOf(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}

/** A signer over an Ed25519 private key (PEM, PKCS#8), checked now so a bad key fails before any work. */
export function keyFileSigner(privateKeyPem: string, where = 'signing key'): SealSigner {
  const signWith = ed25519Signer(privateKeyPem, where);
  return { sign: async (payload) => signWith(payload) };
}

function ed25519Signer(privateKeyPem: string, where: string): (payload: Buffer) => Ed25519SealSignature {
  const key = parseKey(() => createPrivateKey(privateKeyPem), where, 'an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)');
  const publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return (payload) => ({ algorithm: 'ed25519', publicKey: publicDer.toString('base64'), keyFingerprint: keyFingerprintOf(publicDer), value: sign(null, payload, key).toString('base64') });
}

/** Signs a summary with any {@link SealSigner}; the signature covers the whole result set (see {@link signSummary}). */
export async function signSummaryWith(summary: Summary, signer: SealSigner): Promise<Summary & { signature: SealSignature }> {
  return { ...summary, signature: await signer.sign(sealPayload(summary)) };
}

/**
 * The bytes a seal signature covers: the summary (which holds the manifest and record digests)
 * without its signature — as it was written, for a summary read from an older version.
 */
export function sealPayload(summary: Summary): Buffer {
  const { signature: _signature, ...unsigned } = (storedFormOf(summary) ?? summary) as Summary & { signature?: unknown };
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

/**
 * Signs a summary with an Ed25519 private key (PEM, PKCS#8). Since the summary carries the
 * SHA-256 of the manifest and of every record, the signature covers the whole result set.
 */
export function signSummary(summary: Summary, privateKeyPem: string, where = 'signing key'): Summary & { signature: SealSignature } {
  return { ...summary, signature: ed25519Signer(privateKeyPem, where)(sealPayload(summary)) };
}

/** What checking a seal signature found. */
export interface SignatureCheck {
  /** `unsigned`: no signature; `valid`: verifies (with the pinned key when one was given); `invalid` otherwise. */
  readonly status: 'unsigned' | 'valid' | 'invalid';
  readonly fingerprint?: string;
  /** Who signed, in words: `Ed25519 key <fingerprint>` or `KMS key <arn> (<fingerprint>)`. */
  readonly signer?: string;
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
  const scheme = SCHEMES[signature.algorithm];
  if (!scheme) return { status: 'invalid', problem: `unknown signature algorithm ${JSON.stringify(signature.algorithm)}` };
  if (!trustedPublicKeyPem && signature.publicKey === undefined) {
    return { status: 'invalid', problem: `the seal is signed by ${describeSigner(signature)} but holds no public key; give it with --public-key (docs/audit.md)` };
  }
  let key: KeyObject;
  try {
    key = trustedPublicKeyPem ? createPublicKey(trustedPublicKeyPem) : createPublicKey({ key: Buffer.from(signature.publicKey!, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    return { status: 'invalid', problem: `the public key cannot be read (${(error as Error).message})` };
  }
  const fingerprint = keyFingerprintOf(key.export({ type: 'spki', format: 'der' }));
  if (!scheme.fits(key)) {
    return { status: 'invalid', fingerprint, problem: `the public key is ${describeKeyType(key)}, but the seal is signed with ${signature.algorithm}` };
  }
  let valid = false;
  try {
    valid = scheme.verify(sealPayload(summary), key, Buffer.from(signature.value, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) {
    const why = trustedPublicKeyPem && signature.keyFingerprint !== undefined && fingerprint !== signature.keyFingerprint ? ' (signed by another key)' : '';
    return { status: 'invalid', fingerprint, problem: `the seal signature does not verify with key ${fingerprint.slice(0, 16)}…${why}` };
  }
  const signer = signature.algorithm === 'ecdsa-p256-sha256' ? `KMS key ${signature.keyId} (${fingerprint})` : `Ed25519 key ${fingerprint}`;
  return { status: 'valid', fingerprint, signer };
}

/** How each signature algorithm checks: which keys fit it, and what exactly was signed. */
const SCHEMES: Record<string, { fits(key: KeyObject): boolean; verify(payload: Buffer, key: KeyObject, value: Buffer): boolean } | undefined> = {
  ed25519: { fits: (key) => key.asymmetricKeyType === 'ed25519', verify: (payload, key, value) => verify(null, payload, key, value) },
  'ecdsa-p256-sha256': {
    fits: (key) => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1',
    verify: (payload, key, value) => verify('sha256', kmsSignedMessage(payload), { key, dsaEncoding: 'der' }, value),
  },
};

function describeSigner(signature: SealSignature): string {
  return signature.algorithm === 'ecdsa-p256-sha256' ? `KMS key ${signature.keyId}` : 'an Ed25519 key';
}

function describeKeyType(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' ? `an EC ${key.asymmetricKeyDetails?.namedCurve ?? ''} key` : `a ${key.asymmetricKeyType} key`;
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
