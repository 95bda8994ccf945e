import type { S3Client } from '@aws-sdk/client-s3';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { VerdictError } from '../../lib/errors/index.ts';
import { createS3Client, putObject } from '../../lib/store/index.ts';
import { resolveCloudTarget, type CloudOptions } from './cloud-target.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * `verdict cloud publish <site-dir>`: uploads a report site (the output of `verdict report`) to
 * the stack's report bucket, where CloudFront serves it. Prints the report URL on stdout.
 */
export async function cloudPublishCommand(siteDir: string, options: CloudOptions & { reportBucket?: string }): Promise<number> {
  const target = await resolveCloudTarget(options, { reportBucket: true });
  if (!target.reportBucket) throw new VerdictError('USAGE', 'verdict cloud publish: no report bucket; pass --report-bucket or --stack');
  await publishSite(siteDir, { client: createS3Client(target.s3), bucket: target.reportBucket });
  process.stdout.write(`${target.reportUrl ?? `s3://${target.reportBucket}/`}\n`);
  return 0;
}

/** Uploads every file of a report site folder to a bucket, each with its content type. */
export async function publishSite(siteDir: string, target: { client: S3Client; bucket: string }): Promise<number> {
  const files = await listFiles(siteDir).catch((error: unknown) => {
    throw new VerdictError('USAGE', `${siteDir}: cannot read the site folder (${(error as Error).message}); build it with \`verdict report\` first`);
  });
  for (const file of files) {
    const key = relative(siteDir, file).split(sep).join('/');
    // CloudFront would otherwise serve yesterday's page for a day; a rebuilt site must show at once.
    await putObject(target.client, {
      bucket: target.bucket,
      key,
      body: await readFile(file),
      contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      cacheControl: 'no-cache',
    });
  }
  process.stderr.write(`verdict: published ${files.length} files to s3://${target.bucket}/\n`);
  return files.length;
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}
