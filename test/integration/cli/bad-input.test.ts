import { afterAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

// Started before the cases are built, because every spec points at it.
const server: OpenAIServer = await startOpenAIServer();
afterAll(() => server.close());

function spec(overrides: { dataset?: string; prompt?: string; scorer?: string; extra?: string } = {}): string {
  return `
name: bad-input
dataset: { path: ${overrides.dataset ?? 'qa.jsonl'} }
prompt: "${overrides.prompt ?? '{{question}}'}"
candidates:
  - { id: model, provider: openai, model: m, baseURL: "${server.url}" }
scorers:
  - { type: ${overrides.scorer ?? 'includes'}, reference: "{{answer}}" }
${overrides.extra ?? ''}`;
}

const GOOD_ROWS = '{"id":"a","question":"q1","answer":"x"}\n{"id":"b","question":"q2","answer":"y"}\n';

const cases: { name: string; files: Record<string, string>; expected: RegExp }[] = [
  {
    name: 'a malformed JSONL line',
    files: { 'qa.jsonl': `${GOOD_ROWS}{"id":"c","question": oops}\n`, 'spec.yaml': spec() },
    expected: /qa\.jsonl:3: not valid JSON/,
  },
  {
    name: 'a missing template field',
    files: { 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ prompt: '{{question}} ({{hint}})' }) },
    expected: /sample "a": prompt uses \{\{hint\}\} but the row has no field "hint"/,
  },
  {
    name: 'an unknown scorer',
    files: { 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ scorer: 'exact_match' }) },
    expected: /scorers\[0\]\.type: unknown scorer "exact_match"; known: exact, includes/,
  },
  {
    name: 'an unknown key in the spec',
    files: { 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ extra: 'execution: { concurrency: 2, retry: 3 }' }) },
    expected: /spec\.yaml: execution\.retry: unknown key "retry"/,
  },
  {
    name: 'a reasoning pattern RE2 cannot run in linear time (lookahead)',
    files: { 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ extra: 'reasoning: { strip: "answer(?=:)" }' }) },
    expected: /spec\.yaml: reasoning\.strip: not a valid regular expression: .*\(\?=.*no backreferences or lookaround/,
  },
  {
    name: 'a judge verdictPattern RE2 cannot run in linear time (backreference)',
    files: {
      'qa.jsonl': GOOD_ROWS,
      'spec.yaml': spec({
        extra: `  - { id: graded, type: judge, kind: rubric, judge: { provider: openai, model: m, baseURL: "${server.url}" }, rubric: "Ok?", verdictPattern: "(GRADE): (\\\\d)\\\\1" }`,
      }),
    },
    expected: /scorer "graded": verdictPattern: .*invalid escape sequence: `\\1`.*no backreferences or lookaround/,
  },
  {
    name: 'a missing dataset file',
    files: { 'spec.yaml': spec({ dataset: 'missing.jsonl' }) },
    expected: /dataset\.path: file not found: .*missing\.jsonl/,
  },
];

describe('bad input', () => {
  it.each(cases)('exits 2 on $name, names the spot, and calls no model', async ({ files, expected }) => {
    const dir = makeWorkspace(files);
    const before = server.requestCount;
    const result = await runCli(['run', 'spec.yaml', '--quiet'], { cwd: dir });
    expect(result.stderr).toMatch(expected);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(server.requestCount).toBe(before);
  });

  it('validate reports the same problem without running anything', async () => {
    const dir = makeWorkspace(cases[0]!.files);
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/qa\.jsonl:3: not valid JSON/);
  });

  it('validate passes a good spec and says what it found', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec() });
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid — 2 samples, 1 candidate, 1 scorer, 2 work items/);
  });

  it('exits 3 when every request to a model failed, and still writes the result set', async () => {
    const dir = makeWorkspace({
      'qa.jsonl': GOOD_ROWS,
      // Nothing listens on port 9 here: every call is refused.
      'spec.yaml': spec().replace(server.url, 'http://127.0.0.1:9/v1').replace('scorers:', 'execution: { retries: 0, timeoutMs: 2000 }\nscorers:'),
    });
    const result = await runCli(['run', 'spec.yaml', '--quiet', '--run-id', 'dead'], { cwd: dir });
    expect(result.stderr).toContain('the run could not complete: every request to model failed');
    expect(result.code).toBe(3);
    expect(result.stdout.trim()).toMatch(/results\/dead$/);
  });

  it('on exit 3 prints the grouped first causes and no follow-on gate noise', async () => {
    const dead = spec()
      .replace(server.url, 'http://127.0.0.1:9/v1')
      .replace('candidates:', 'candidates:\n  - { id: large, provider: openai, model: m, baseURL: "http://127.0.0.1:9/v1" }')
      .replace('scorers:', 'execution: { retries: 1, timeoutMs: 2000 }\nscorers:');
    const gates = 'gates:\n  - { metric: accuracy, op: ">=", value: 0.9 }\n  - { metric: latency.p95_ms, op: "<=", value: 1500 }\n';
    const dir = makeWorkspace({ 'qa.jsonl': GOOD_ROWS, 'spec.yaml': `${dead}${gates}` });
    const result = await runCli(['run', 'spec.yaml', '--quiet', '--run-id', 'dead'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/failed items: 4 \(one cause\)\n {2}4× PROVIDER_CONNECTION: POST http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions failed: connection failed \([^)]+\); gave up after 2 attempts \(large, model\)/);
    expect(result.stderr).not.toContain('no candidate reports');
    expect(result.stderr).not.toMatch(/FAIL {2}(large|model|\*):/);
    expect(result.stderr).not.toContain('\u001b[');
  });

  it('validate refuses a misspelt gate metric before any paid run, with a did-you-mean', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ extra: 'gates:\n  - { metric: latency.p95, op: "<=", value: 1500 }' }) });
    for (const command of ['validate', 'run']) {
      const before = server.requestCount;
      const result = await runCli([command, 'spec.yaml', '--quiet'].slice(0, command === 'run' ? 3 : 2), { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('spec.yaml: gates[0].metric: unknown metric "latency.p95"; did you mean "latency.p95_ms"?');
      expect(server.requestCount).toBe(before);
    }
  });

  it('--cloud refuses what the workers cannot honour, before uploading anything', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec({ extra: 'execution: { rate: 5 }' }) });
    const rate = await runCli(['run', 'spec.yaml', '--cloud', '--bucket', 'b', '--state-machine', 'arn:aws:states:us-east-1:1:stateMachine:m'], { cwd: dir });
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--cloud: execution.rate need one load generator');
    const plain = makeWorkspace({ 'qa.jsonl': GOOD_ROWS, 'spec.yaml': spec() });
    const junit = await runCli(['run', 'spec.yaml', '--cloud', '--bucket', 'b', '--state-machine', 'arn:aws:states:us-east-1:1:stateMachine:m', '--junit', 'gates.xml'], { cwd: plain });
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain('verdict gate s3://<bucket>/runs/<id> --junit');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['run', 'spec.yaml', '--concurency', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--concurency'");
  });
});
