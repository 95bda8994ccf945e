import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, type ReportServer } from '../../../lib/report/index.ts';
import { writeAuditFixture } from '../../fixtures/report-runs.ts';

describe('verdict serve', () => {
  let dir: string;
  let server: ReportServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-serve-'));
    await writeAuditFixture(join(dir, 'results'), { runId: 'first', samples: 20 });
    server = await serveReport({ resultsDir: join(dir, 'results'), port: 0, debounceMs: 100 });
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page with the CSP as a header and refuses paths outside the site', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('id="verdict-index"');
    expect((await fetch(`${server.url}app.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
    expect((await fetch(`${server.url}missing.json`)).status).toBe(404);
  });

  it('rebuilds when a run is added, with a new build id for the page to notice', async () => {
    const before = (await (await fetch(`${server.url}data/build.json`)).json()) as { buildId: string };
    await cp(join(dir, 'results', 'first'), join(dir, 'results', 'second'), { recursive: true });
    await server.rebuilt();
    const after = (await (await fetch(`${server.url}data/build.json`)).json()) as { buildId: string };
    expect(after.buildId).not.toBe(before.buildId);
    const index = (await (await fetch(`${server.url}data/index.json`)).json()) as { runs: unknown[]; live: boolean };
    expect(index.runs).toHaveLength(2);
    expect(index.live).toBe(true);
  });
});
