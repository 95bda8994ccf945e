import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'github-actions.md'), 'utf8');
const WORKFLOW = /```yaml\n([\s\S]*?)```/.exec(DOC)![1]!;

describe('the documented GitHub Actions workflow', () => {
  it('is valid YAML with a job that gates on the exit code', () => {
    const workflow = parse(WORKFLOW) as { jobs: { eval: { steps: { name?: string; run?: string }[] } } };
    const steps = workflow.jobs.eval.steps;
    expect(steps.at(-1)).toMatchObject({ name: 'Gate the merge', run: expect.stringContaining('exit ${{ steps.eval.outputs.code') });
    expect(steps.some((step) => step.run?.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
  });

  it('uses only options that `verdict run` and `verdict gate` have', async () => {
    const help = async (command: string) =>
      (await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'verdict.js'), command, '--help'])).stdout;
    const [runHelp, gateHelp] = await Promise.all([help('run'), help('gate')]);
    for (const flag of ['--out', '--run-id', '--junit', '--markdown', '--quiet', '--baseline']) expect(runHelp).toContain(flag);
    for (const flag of ['--baseline', '--junit', '--markdown', '--json']) expect(gateHelp).toContain(flag);
    const joined = WORKFLOW.replace(/\\\n\s*/g, ' '); // shell line continuations
    const used = [...joined.matchAll(/npx verdict run[^\n]*/g)].map((match) => match[0]).join(' ').match(/--[a-z-]+/g) ?? [];
    expect(used).toEqual(expect.arrayContaining(['--out', '--run-id', '--junit', '--markdown']));
    for (const flag of used) expect(runHelp).toContain(flag);
  });
});
