import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../fixtures/workspace.ts';

describe('verdict init', () => {
  it.each(['qa', 'bias', 'latency', 'translation'])('the %s starter validates and runs offline at once (exit 0)', async (template) => {
    const project = mkdtempSync(join(tmpdir(), 'verdict-init-'));
    const init = await runCli(['init', 'evals', '--template', template], { cwd: project });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout.split('\n')).toEqual(expect.arrayContaining(['evals/verdict.yaml', 'evals/VERDICT.md', '.gitignore']));
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('results/\n');
    const run = await runCli(['run', 'evals/verdict.yaml', '--quiet', '--run-id', 'first'], { cwd: project, env: { NO_COLOR: '1' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('verdict: PASS');
    const manifest = JSON.parse(readFileSync(join(project, 'results', 'first', 'manifest.json'), 'utf8'));
    expect(manifest.dataset.paths).toEqual([expect.stringMatching(/^data\/[a-z-]+\.jsonl$/)]);
  });

  it('never overwrites without --force, keeps an existing .gitignore, and names unknown templates', async () => {
    const project = mkdtempSync(join(tmpdir(), 'verdict-init-'));
    writeFileSync(join(project, '.gitignore'), 'node_modules/');
    expect((await runCli(['init', '.'], { cwd: project })).code).toBe(0);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\nresults/\n');
    const again = await runCli(['init', '.'], { cwd: project });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('VERDICT.md, data/qa-recorded.jsonl, data/qa.jsonl, verdict.yaml already exist; pass --force');
    expect((await runCli(['init', '.', '--force'], { cwd: project })).code).toBe(0);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\nresults/\n');
    const unknown = await runCli(['init', 'x', '--template', 'chat'], { cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--template "chat": unknown template; known: qa, bias, latency, translation');
    expect(existsSync(join(project, 'x'))).toBe(false);
  });

  it('prints its version and grouped run help with examples', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')).version);
    const help = (await runCli(['run', '--help'])).stdout;
    const headings = ['Core:', 'Load:', 'Release:', 'Cloud (AWS; README "Run on AWS"):', 'Examples:'].map((heading) => help.indexOf(`\n${heading}`));
    expect(headings.every((at) => at > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(help.slice(headings[3]!)).toContain('--bucket');
    expect(help.slice(headings[0]!, headings[1]!)).not.toContain('--bucket');
  });
});
