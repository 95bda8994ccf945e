import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../fixtures/workspace.ts';

// The package as a user gets it: `npm pack`, then `npm install -D <tarball>` in a fresh git
// repository, then the `run:` steps of docs/github-actions.md executed there by bash, as a runner
// would. Real npm, real git, the registry only through npm's cache (--prefer-offline).

interface WorkflowStep {
  name?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}

const sh = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `${{ expr }}` as the runner would render it, for the few expressions the recipe uses. */
function render(text: string, outputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.run_id') return '4242';
    if (expression === 'github.run_attempt') return '1';
    if (expression.startsWith('secrets.')) return '';
    const output = /^steps\.eval\.outputs\.code(?:\s*\|\|\s*(\d+))?$/.exec(expression);
    if (output) return outputs.code ?? output[1] ?? '';
    throw new Error(`the test does not know how to render \${{ ${expression} }}`);
  });
}

/** The runner's `if:` for the conditions the recipe's run steps use. */
function shouldRun(condition: string | undefined, outputs: Record<string, string>): boolean {
  if (condition === undefined || condition === 'always()') return true;
  if (condition === "always() && steps.eval.outputs.code != ''") return outputs.code !== undefined;
  throw new Error(`the test does not know the condition ${condition}`);
}

describe('Verdict installed from its package into another repository', () => {
  it('packs, installs with npm, runs npx verdict, and the GitHub Actions recipe works as written', { timeout: 600_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'verdict-install-'));
    const tarball = sh('npm', ['pack', '--pack-destination', work, '--silent'], REPO_ROOT).trim().split('\n').at(-1)!;
    const project = join(work, 'their-project');
    mkdirSync(project);
    sh('git', ['init', '-q', '-b', 'main'], project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'their-project', private: true }, null, 2));
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    // A lockfile only: the recipe's own `npm ci` step does the install, as on a runner.
    sh('npm', ['install', '-D', join(work, tarball), '--package-lock-only', '--prefer-offline', '--no-audit', '--no-fund'], project);

    const doc = readFileSync(join(REPO_ROOT, 'docs', 'github-actions.md'), 'utf8');
    const steps = (parse(/```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as { jobs: { eval: { steps: WorkflowStep[] } } }).jobs.eval.steps.filter((step) => step.run);
    expect(steps[0]!.run!.trim()).toBe('npm ci');
    // Before the eval step, what the setup section tells the user to do once.
    const runSteps = steps.slice(1);
    const outputFile = join(work, 'github-output');
    const summaryFile = join(work, 'step-summary.md');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const env = { ...process.env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, npm_config_prefer_offline: 'true', NO_COLOR: '1' };
    const outputs: Record<string, string> = {};
    const run = (script: string, stepEnv: Record<string, string> = {}) =>
      spawnSync('bash', ['-e', '-c', script], { cwd: project, env: { ...env, ...stepEnv }, encoding: 'utf8' });

    const install = run(steps[0]!.run!);
    expect(install.status, install.stderr).toBe(0);
    const version = run('npx verdict --version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    const init = run('npx verdict init evals --template qa && git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm evals');
    expect(init.status, init.stderr).toBe(0);
    const head = sh('git', ['rev-parse', 'HEAD'], project).trim();

    for (const step of runSteps) {
      if (!shouldRun(step.if, outputs)) continue;
      const result = run(render(step.run!, outputs), Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, render(value, outputs)])));
      expect(result.status, `step "${step.name}": ${result.stderr}`).toBe(0);
      for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
        const [key, value] = line.split('=');
        if (key && value !== undefined) outputs[key] = value;
      }
    }
    expect(outputs.code).toBe('0');
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/verdict.*PASS/i);
    expect(existsSync(join(project, 'verdict-junit.xml'))).toBe(true);
    expect(existsSync(join(project, 'site', 'index.html'))).toBe(true);

    // Provenance is the user's project: its commit, clean (results/ is ignored), paths as the spec says them.
    const [runId] = readdirSync(join(project, 'results'));
    expect(runId).toBe('gh-4242-1');
    const manifest = JSON.parse(readFileSync(join(project, 'results', runId!, 'manifest.json'), 'utf8'));
    expect(manifest.git).toEqual({ commit: head, dirty: false });
    expect(manifest.dataset.paths).toEqual(['data/qa.jsonl']);
    expect(manifest.spec.path).toBe('evals/verdict.yaml');
    expect(manifest.versions.openai).toMatch(/^6\./);
  });
});
