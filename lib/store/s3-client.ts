import { S3Client } from '@aws-sdk/client-s3';

/** Where and how to reach S3 (or an S3-compatible server). */
export interface S3ConnectionOptions {
  /** An S3-compatible endpoint (e.g. `http://127.0.0.1:4568` for s3rver); AWS's own when unset. */
  readonly endpoint?: string;
  /** @default process's AWS_REGION, else us-east-1 */
  readonly region?: string;
  /** Static credentials (tests); the default AWS credential chain when unset. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Creates the S3 client the stores use.
 *
 * With a custom `endpoint` the client uses path-style URLs and computes/validates checksums
 * only when an operation requires them (`WHEN_REQUIRED`): S3-compatible servers such as s3rver
 * do not understand the aws-chunked trailing checksums the SDK sends by default and store
 * corrupted objects. Integrity does not depend on it: the store writes its own SHA-256 in the
 * object metadata and checks it on every read.
 */
export function createS3Client(options: S3ConnectionOptions = {}): S3Client {
  const custom = options.endpoint !== undefined && options.endpoint !== '';
  return new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.credentials && { credentials: options.credentials }),
    ...(custom && {
      endpoint: options.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  });
}
