import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportSite } from '../../../lib/report/index.ts';
import { writeAuditFixture } from '../../fixtures/report-runs.ts';

interface PollCounts {
  whole: number;
  absent: number;
  partial: string[];
  partials: number;
  distinct: number;
}

/** Starts test/fixtures/poll-json-file.ts on `file` in another process; `stop()` ends it and returns its counts. */
function startPoller(file: string, stopFile: string): { started: Promise<void>; stop: () => Promise<PollCounts> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/poll-json-file.ts', file, stopFile, 'buildId'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    started: new Promise((resolve) => child.on('spawn', () => resolve())),
    async stop() {
      await writeFile(stopFile, '');
      const code = await closed;
      if (code !== 0) throw new Error(`the poller exited with ${code}: ${stderr}`);
      return JSON.parse(stdout) as PollCounts;
    },
  };
}

describe('data/build.json while `verdict report` rebuilds the same folder', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-build-json-'));
    await writeAuditFixture(join(dir, 'results'), { runId: 'first', samples: 5 });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is never read half-written by a reader in another process', async () => {
    const site = join(dir, 'site');
    const build = () => writeReportSite({ resultsDir: join(dir, 'results'), outDir: site });
    await build();
    const poller = startPoller(join(site, 'data', 'build.json'), join(dir, 'stop'));
    await poller.started;
    // Written in place (open-truncate-write), the file was read empty a few times per rebuild.
    for (let round = 0; round < 6; round++) await build();
    const counts = await poller.stop();
    expect(counts.partial).toEqual([]);
    expect(counts.partials).toBe(0);
    // The poller really read across rebuilds: it saw several different whole files.
    expect(counts.distinct).toBeGreaterThan(1);
  });
});
