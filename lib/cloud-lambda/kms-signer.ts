import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type GetPublicKeyCommandOutput, type KMSClient, type SignCommandOutput } from '@aws-sdk/client-kms';
import { keyFingerprintOf, kmsSignedMessage, type SealSigner } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';

/** Options of {@link kmsSealSigner}. */
export interface KmsSealSignerOptions {
  readonly client: KMSClient;
  /** Key id, ARN or alias of an asymmetric KMS key with key spec ECC_NIST_P256 and usage SIGN_VERIFY. */
  readonly keyId: string;
  /**
   * The key's public half (PEM or SPKI DER, e.g. from `aws kms get-public-key`). When absent the
   * signer reads it with GetPublicKey, and when that is not allowed (a role granted kms:Sign
   * only) the signature records the key id alone and `verify` needs `--public-key`.
   */
  readonly publicKey?: string | Buffer;
}

/**
 * The seal signer over an AWS KMS key: KMS signs (ECDSA_SHA_256, RAW) the hex SHA-256 of the seal
 * payload, so the private key never leaves KMS and any summary size fits KMS's 4 KB message limit.
 * Each signature is checked against the public key before it is returned, when the key is known.
 */
export function kmsSealSigner(options: KmsSealSignerOptions): SealSigner {
  let publicKey: Promise<KeyObject | null> | undefined;
  const where = `KMS key ${options.keyId}`;
  return {
    async sign(payload) {
      publicKey ??= options.publicKey !== undefined ? Promise.resolve(readPublicKey(options.publicKey, where)) : fetchPublicKey(options.client, options.keyId);
      const key = await publicKey;
      const message = kmsSignedMessage(payload);
      let response: SignCommandOutput;
      try {
        response = await options.client.send(new SignCommand({ KeyId: options.keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
      } catch (error) {
        throw new VerdictError('CLOUD', `${where}: Sign failed (${(error as Error).message}); the key must be ECC_NIST_P256 for SIGN_VERIFY and the role needs kms:Sign on it`, {
          cause: error,
        });
      }
      const value = Buffer.from(response.Signature ?? new Uint8Array());
      if (key && !verify('sha256', message, { key, dsaEncoding: 'der' }, value)) {
        throw new VerdictError('CLOUD', `${where}: the signature KMS returned does not verify with the key's public key; check the key id`);
      }
      const der = key?.export({ type: 'spki', format: 'der' });
      return {
        algorithm: 'ecdsa-p256-sha256',
        keyId: response.KeyId ?? options.keyId,
        ...(der && { publicKey: der.toString('base64'), keyFingerprint: keyFingerprintOf(der) }),
        value: value.toString('base64'),
      };
    },
  };
}

/** The key's public half from KMS; null when the role may not read it (AccessDenied). */
async function fetchPublicKey(client: KMSClient, keyId: string): Promise<KeyObject | null> {
  let response: GetPublicKeyCommandOutput;
  try {
    response = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  } catch (error) {
    if ((error as Error).name === 'AccessDeniedException') return null;
    throw new VerdictError('CLOUD', `KMS key ${keyId}: GetPublicKey failed (${(error as Error).message})`, { cause: error });
  }
  if (response.KeySpec !== 'ECC_NIST_P256' || !response.SigningAlgorithms?.includes('ECDSA_SHA_256')) {
    throw new VerdictError('USAGE', `KMS key ${keyId}: key spec ${response.KeySpec ?? 'unknown'}; a seal key must be ECC_NIST_P256 with ECDSA_SHA_256`);
  }
  return readPublicKey(Buffer.from(response.PublicKey!), `KMS key ${keyId}`);
}

function readPublicKey(value: string | Buffer, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = typeof value === 'string' ? createPublicKey(value) : createPublicKey({ key: value, format: 'der', type: 'spki' });
  } catch (error) {
    throw new VerdictError('USAGE', `${where}: the public key cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new VerdictError('USAGE', `${where}: the public key is not a P-256 key; a seal key must be ECC_NIST_P256`);
  }
  return key;
}
