import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const SHIPPED = `
name: shipped
dataset: { path: data/qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: oracle, provider: control, kind: oracle }
scorers:
  - { type: includes, reference: "{{answer}}" }
`;
const ROWS = '{"id":"a","question":"q1","answer":"x"}\n{"id":"b","question":"q2","answer":"y"}\n';

describe('--candidates FILE adds candidates to a shipped spec without editing it', () => {
  it('runs the shipped spec with a recorded model whose file is relative to the candidates file', async () => {
    const dir = makeWorkspace({});
    mkdirSync(join(dir, 'shipped', 'data'), { recursive: true });
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'shipped', 'spec.yaml'), SHIPPED);
    writeFileSync(join(dir, 'shipped', 'data', 'qa.jsonl'), ROWS);
    writeFileSync(join(dir, 'mine', 'recorded.jsonl'), '{"id":"a","out":"x"}\n{"id":"b","out":"nope"}\n');
    writeFileSync(join(dir, 'mine', 'models.yaml'), '- { id: mine, provider: replay, file: recorded.jsonl, key: id, field: out }\n');
    const before = readFileSync(join(dir, 'shipped', 'spec.yaml'), 'utf8');
    const result = await runCli(['run', 'shipped/spec.yaml', '--candidates', 'mine/models.yaml', '--quiet', '--run-id', 'r', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary.candidates)).toEqual(['oracle', 'mine']);
    expect(summary.candidates.mine.metrics.accuracy.value).toBe(0.5);
    const manifest = JSON.parse(readFileSync(join(dir, 'results', 'r', 'manifest.json'), 'utf8'));
    expect(manifest.spec.candidatesFile).toEqual({ path: 'mine/models.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.spec.resolved.candidates[1].file).toBe('../mine/recorded.jsonl');
    expect(readFileSync(join(dir, 'shipped', 'spec.yaml'), 'utf8')).toBe(before);
  });

  it('names the candidates file when an added candidate is wrong, and refuses a duplicate id', async () => {
    const dir = makeWorkspace({ 'spec.yaml': SHIPPED.replace('data/qa.jsonl', 'qa.jsonl'), 'qa.jsonl': ROWS, 'bad.yaml': 'candidates:\n  - { id: m, provider: openai, modle: x }\n', 'dup.yaml': '- { id: oracle, provider: control, kind: echo }\n' });
    const bad = await runCli(['validate', 'spec.yaml', '--candidates', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml: [0].modle: unknown key "modle"');
    const dup = await runCli(['validate', 'spec.yaml', '--candidates', 'dup.yaml'], { cwd: dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('dup.yaml: [0].id: duplicate id "oracle"');
  });
});
