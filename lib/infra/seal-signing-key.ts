import { RemovalPolicy } from 'aws-cdk-lib';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CLOUD_ENV } from '../cloud-lambda/index.ts';

/** The environment variable a sealing function reads the KMS seal key from (lib/cloud-lambda/deps-from-env.ts). */
const SEAL_KMS_KEY_ENV = CLOUD_ENV.sealKmsKey;

/** Properties of {@link SealSigningKey}. */
export interface SealSigningKeyProps {
  /** An alias for the key, e.g. `alias/verdict-seal`. */
  readonly alias?: string;
}

/**
 * The asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs sealed summaries in the cloud
 * (docs/audit.md). Its private half never leaves KMS; it is retained when the stack is deleted, so
 * old seals stay verifiable. The function that seals gets `kms:Sign` on this key and nothing else
 * ({@link grantSign}); auditors read the public key with `aws kms get-public-key`.
 */
export class SealSigningKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SealSigningKeyProps = {}) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Verdict: signs sealed run summaries (ECDSA P-256); verify with its public key',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.alias !== undefined && { alias: props.alias }),
    });
  }

  /** `kms:Sign` on this key only: what the Seal function needs to sign a seal. */
  grantSign(grantee: IGrantable): Grant {
    return this.key.grant(grantee, 'kms:Sign');
  }

  /** `kms:GetPublicKey` on this key: lets a signer embed the public key in each signature. */
  grantReadPublicKey(grantee: IGrantable): Grant {
    return this.key.grant(grantee, 'kms:GetPublicKey');
  }

  /** The environment of a function that signs seals with this key. */
  signerEnvironment(): Record<string, string> {
    return { [SEAL_KMS_KEY_ENV]: this.key.keyArn };
  }
}
