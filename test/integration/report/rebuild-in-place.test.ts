/**
 * `verdict report --out` into the folder a report already lives in: the new data/ takes the old
 * one's place only once it is whole, and a build never writes into a result set or replaces a
 * data/ folder the results it reads lie in (by their path or through a symbolic link).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSiteDir, writeReportSite } from '../../../lib/report/index.ts';
import { writeAuditFixture } from '../../fixtures/report-runs.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verdict-rebuild-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `folder`, relative to it, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('rebuilding a report in place', () => {
  it('replaces data/ whole: no stale chunk survives, and nothing is left beside it', async () => {
    const results = join(dir, 'results');
    const site = join(dir, 'site');
    await writeAuditFixture(results, { runId: 'first', samples: 5 });
    await writeReportSite({ resultsDir: results, outDir: site });
    await writeFile(join(site, 'data', 'stale.js'), '');
    const { index } = await writeReportSite({ resultsDir: results, outDir: site });

    expect(await filesUnder(join(site, 'data'))).not.toContain('stale.js');
    expect(JSON.parse(await readFile(join(site, 'data', 'build.json'), 'utf8'))).toEqual({ buildId: index.buildId });
    expect((await readdir(site)).sort()).toEqual(['app.css', 'app.js', 'data', 'index.html']);
  });

  it('a rebuild that fails leaves the previous report as it was', async () => {
    const results = join(dir, 'results');
    const site = join(dir, 'site');
    await writeAuditFixture(results, { runId: 'first', samples: 5 });
    await writeReportSite({ resultsDir: results, outDir: site });
    const before = await filesUnder(site);
    const indexBefore = await readFile(join(site, 'data', 'index.json'), 'utf8');
    await mkdir(join(results, 'broken'));
    await writeFile(join(results, 'broken', 'manifest.json'), '{ not json');

    await expect(writeReportSite({ resultsDir: results, outDir: site })).rejects.toThrow(/broken/);
    expect(await filesUnder(site)).toEqual(before);
    expect(await readFile(join(site, 'data', 'index.json'), 'utf8')).toBe(indexBefore);
  });

  it('never writes into the one run folder it reports; the default site goes beside it', async () => {
    const results = join(dir, 'results');
    await writeAuditFixture(results, { runId: 'first', samples: 5 });
    const run = join(results, 'first');
    const files = await filesUnder(run);

    await expect(writeReportSite({ resultsDir: run, outDir: join(run, 'site') })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining(`inside the result set first, which is never modified; use e.g. --out ${run}-site`) });
    expect(await filesUnder(run)).toEqual(files);
    expect(defaultSiteDir(`${run}/`)).toBe(`${run}-site`);
    expect(defaultSiteDir(results)).toBe(`${results}/site`);
    await writeReportSite({ resultsDir: run, outDir: defaultSiteDir(run) });
    expect(await filesUnder(run)).toEqual(files);
  });

  it('never replaces a data/ folder the results lie in, even reached through a symbolic link', async () => {
    const site = join(dir, 'site');
    const realResults = join(site, 'data', 'runs');
    await writeAuditFixture(join(dir, 'elsewhere'), { runId: 'first', samples: 5 });
    await writeReportSite({ resultsDir: join(dir, 'elsewhere'), outDir: site });
    await writeAuditFixture(realResults, { runId: 'kept', samples: 5 });
    await symlink(realResults, join(dir, 'results'));
    const files = await filesUnder(realResults);

    await expect(writeReportSite({ resultsDir: join(dir, 'results'), outDir: site })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('the results are inside its data/ folder') });
    expect(await filesUnder(realResults)).toEqual(files);
  });
});
