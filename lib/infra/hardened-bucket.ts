import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';

/**
 * The security baseline every Verdict bucket shares: no public access, TLS 1.2+ only, encrypted,
 * object ownership enforced (no ACLs), versioned, and kept when the stack is deleted. Each bucket
 * adds its own logging, lifecycle and Object Lock on top; a change here reaches all of them.
 */
export const HARDENED_BUCKET_PROPS = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  encryption: BucketEncryption.S3_MANAGED,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies BucketProps;
