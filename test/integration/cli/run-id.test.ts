import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrepareEventSchema } from '../../../lib/cloud-lambda/prepare-run.ts';
import { checkRunId, RUN_ID_PATTERN } from '../../../lib/results/index.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const BAD_IDS = ['../../escape', '..', '.', 'a/b', 'line\nbreak', '-rf', 'with space', '', 'x'.repeat(201)];
/** Each bad id through the real CLI would take a process each; these cover path escape, newline and option-like ids. */
const CLI_IDS = ['../../escape', '..', 'line\nbreak', '-rf'];
const GOOD_IDS = ['20261128-142501-demo-3fa9', 'release_1.2', 'A'];

describe('run ids: one rule, locally and in the cloud', () => {
  it.each(CLI_IDS.map((id) => [JSON.stringify(id).slice(0, 40), id]))('verdict run refuses --run-id %s with exit 2, writing nothing', async (_shown, id) => {
    const dir = makeWorkspace({
      'qa.jsonl': '{"id":"a","question":"q","answer":"q"}\n',
      'spec.yaml': 'name: ids\ndataset: { path: qa.jsonl }\nprompt: "{{question}}"\ncandidates: [{ id: o, provider: control, kind: oracle }]\nscorers: [{ type: includes, reference: "{{answer}}" }]\n',
    });
    const result = await runCli(['run', 'spec.yaml', `--run-id=${id}`, '--out', 'out/results', '--quiet'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a valid run id');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['qa.jsonl', 'spec.yaml']);
  });

  it('is the rule the state machine\'s Prepare step applies to its event', () => {
    for (const id of BAD_IDS) {
      expect(PrepareEventSchema.safeParse({ runId: id }).success, JSON.stringify(id)).toBe(false);
      expect(() => checkRunId(id, '--run-id'), JSON.stringify(id)).toThrow(/not a valid run id/);
    }
    for (const id of GOOD_IDS) {
      expect(PrepareEventSchema.safeParse({ runId: id }).success).toBe(true);
      expect(RUN_ID_PATTERN.test(id)).toBe(true);
    }
  });
});
