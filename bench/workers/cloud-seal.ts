/**
 * Bench worker: the Seal Lambda's handler (`createSealHandler`, as the stack runs it) in its own
 * process, against the scale model's S3 fixture, so its peak RSS is the seal's alone. Prints
 * `{ outcome, ms, maxRssMb }`: `ms` is the handler's own time (Node start-up and imports excluded).
 * Usage: tsx bench/workers/cloud-seal.ts <s3-endpoint> <bucket> <prefix> <run-id>
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { createSealHandler, loadRunContext, runContextCache } from '../../lib/cloud-lambda/index.ts';
import { systemClock } from '../../lib/providers/index.ts';
import { createS3Client, S3ResultStore } from '../../lib/store/index.ts';
import { FAKE_CREDENTIALS } from '../../test/fixtures/s3-server.ts';

const [endpoint, bucket, prefix, runId] = process.argv.slice(2);
if (!endpoint || !bucket || !prefix || !runId) throw new Error('usage: cloud-seal.ts <s3-endpoint> <bucket> <prefix> <run-id>');
const workDir = await mkdtemp(join(tmpdir(), 'verdict-seal-'));
const store = new S3ResultStore({ client: createS3Client({ endpoint, credentials: FAKE_CREDENTIALS }), bucket, prefix });
const seal = createSealHandler({
  store,
  secrets: async () => ({}),
  clock: systemClock,
  logger: new Logger({ serviceName: 'verdict-bench', logLevel: 'SILENT' }),
  workDir,
  runContext: runContextCache((id) => loadRunContext(store, id, workDir)),
});
const started = performance.now();
const outcome = await seal({ runId });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ outcome, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
