import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  type GetObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { VerdictError } from '../errors/index.ts';

/** Metadata key holding the SHA-256 of an object's bytes, written and checked by Verdict. */
export const SHA256_METADATA_KEY = 'verdict-sha256';

/** Objects above this size go up in parts (S3's minimum part size is 5 MiB). */
export const MULTIPART_PART_BYTES = 8 * 1024 * 1024;

/** True for "no such key" / 404 answers. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/** True for a failed precondition (`If-None-Match: *` on an existing key). */
export function isPreconditionFailed(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'PreconditionFailed' || error.$metadata.httpStatusCode === 412);
}

/** A `STORE_WRITE` / `STORE_READ` error naming the S3 URL and the operation. */
export function s3Error(code: 'STORE_READ' | 'STORE_WRITE', url: string, operation: string, error: unknown): VerdictError {
  const message = error instanceof Error ? error.message : String(error);
  return new VerdictError(code, `${url}: ${operation} failed (${message}); check the bucket name, region and credentials`, {
    cause: error,
    context: { url, operation },
  });
}

/** Whether an object exists (HeadObject). */
export async function objectExists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw s3Error('STORE_READ', `s3://${bucket}/${key}`, 'HeadObject', error);
  }
}

/**
 * Writes an object with a CRC32 checksum S3 verifies on arrival and a SHA-256 in its metadata
 * that readers verify. Bodies above {@link MULTIPART_PART_BYTES} go up as a multipart upload.
 * `ifNoneMatch` makes the write conditional (S3 answers 412 when the key exists).
 */
export async function putObject(
  client: S3Client,
  target: { bucket: string; key: string; body: string | Uint8Array; contentType: string; ifNoneMatch?: boolean; cacheControl?: string },
): Promise<void> {
  const body = typeof target.body === 'string' ? Buffer.from(target.body) : target.body;
  const params = {
    Bucket: target.bucket,
    Key: target.key,
    Body: body,
    ContentType: target.contentType,
    ...(target.cacheControl && { CacheControl: target.cacheControl }),
    ChecksumAlgorithm: 'CRC32' as const,
    Metadata: { [SHA256_METADATA_KEY]: createHash('sha256').update(body).digest('hex') },
  };
  if (target.ifNoneMatch || body.byteLength <= MULTIPART_PART_BYTES) {
    await client.send(new PutObjectCommand({ ...params, ...(target.ifNoneMatch && { IfNoneMatch: '*' }) }));
    return;
  }
  await new Upload({ client, params, partSize: MULTIPART_PART_BYTES, queueSize: 4, leavePartsOnError: false }).done();
}

/** Reads an object whole as text (manifests and summaries), verifying its SHA-256; null when missing. */
export async function getObjectText(client: S3Client, bucket: string, key: string): Promise<string | null> {
  const response = await getObject(client, bucket, key);
  if (!response) return null;
  const bytes = await response.Body!.transformToByteArray();
  verifySha256(response, createHash('sha256').update(bytes).digest('hex'), `s3://${bucket}/${key}`);
  return Buffer.from(bytes).toString('utf8');
}

/** GetObject with checksum validation where S3 offers it; null when the key is missing. */
export async function getObject(client: S3Client, bucket: string, key: string): Promise<GetObjectCommandOutput | null> {
  try {
    return await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw s3Error('STORE_READ', `s3://${bucket}/${key}`, 'GetObject', error);
  }
}

/** Throws STORE_READ when the object's recorded SHA-256 differs from the bytes received. */
export function verifySha256(response: Pick<GetObjectCommandOutput, 'Metadata'>, actual: string, url: string): void {
  const expected = response.Metadata?.[SHA256_METADATA_KEY];
  if (expected !== undefined && expected !== actual) {
    throw new VerdictError('STORE_READ', `${url}: content does not match its SHA-256 (stored ${expected}, read ${actual}); the object is corrupted`, {
      context: { url, expected, actual },
    });
  }
}
