import { execFileSync } from 'node:child_process';
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

  it('in a git repository with no commits: says so, and the manifest records why there is no commit', async () => {
    const project = mkdtempSync(join(tmpdir(), 'verdict-init-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: project }).toString().trim();
    git('init', '-q');
    const init = await runCli(['init', 'evals'], { cwd: project });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('note: this git repository has no commits yet, so runs record no commit');
    expect((await runCli(['run', 'evals/verdict.yaml', '--quiet', '--run-id', 'before'], { cwd: project })).code).toBe(0);
    const before = JSON.parse(readFileSync(join(project, 'results', 'before', 'manifest.json'), 'utf8'));
    // The starter's files are not committed yet: dirty. results/ is ignored, so a run never makes it dirty.
    expect(before.git).toEqual({ commit: null, dirty: true, reason: 'the repository has no commits yet' });

    git('add', '-A');
    git('commit', '-qm', 'evals');
    expect((await runCli(['init', 'more'], { cwd: project })).stderr).not.toContain('no commits');
    git('add', '-A');
    git('commit', '-qm', 'more');
    expect((await runCli(['run', 'evals/verdict.yaml', '--quiet', '--run-id', 'after'], { cwd: project })).code).toBe(0);
    const after = JSON.parse(readFileSync(join(project, 'results', 'after', 'manifest.json'), 'utf8'));
    expect(after.git).toEqual({ commit: git('rev-parse', 'HEAD'), dirty: false });
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
