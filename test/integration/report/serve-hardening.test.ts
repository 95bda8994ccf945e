import { mkdtempSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, type ReportServer } from '../../../lib/report/index.ts';
import { writeAuditFixture } from '../../fixtures/report-runs.ts';
import { runCli } from '../../fixtures/workspace.ts';

/** GET with an arbitrary Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('verdict serve, hardened', () => {
  let dir: string;
  let server: ReportServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-serve-hard-'));
    await writeAuditFixture(join(dir, 'results'), { runId: 'first', samples: 5 });
    server = await serveReport({ resultsDir: join(dir, 'results'), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers loopback Host names and refuses any other (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST']) expect((await getWithHost(`${server.url}data/index.json`, host)).status, host).toBe(200);
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const answer = await getWithHost(`${server.url}data/index.json`, host);
      expect(answer.status, host).toBe(403);
      expect(answer.body).not.toContain('runs');
    }
  });

  it('exits 2 naming a busy port, at once, leaving nothing in the temp folder', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as AddressInfo).port;
    const temp = mkdtempSync(join(tmpdir(), 'verdict-serve-tmp-'));
    try {
      const result = await runCli(['serve', join(dir, 'results'), '--port', String(port)], { env: { TMPDIR: temp } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use; pick another with --port`);
      expect(result.stderr).not.toContain('could not complete');
      expect(readdirSync(temp).filter((name) => name.startsWith('verdict-site-'))).toEqual([]);
    } finally {
      blocker.close();
      await rm(temp, { recursive: true, force: true });
    }
  });
});
