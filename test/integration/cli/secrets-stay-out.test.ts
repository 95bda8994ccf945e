import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

function everyFileUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('secrets never reach the result set', () => {
  it('keeps header values, URL credentials and the API key out of manifest, records, summary and output', async () => {
    const secrets = { HEADER_VALUE: 'hdr-value-7f3a', USER_PASS: 'pw-value-91c2', OPENAI_API_KEY: 'sk-test-SECRET-4411' };
    const dir = makeWorkspace({
      'qa.jsonl': '{"id":"a","q":"x","answer":"x"}\n',
      // Nothing listens on port 9: every call fails, and the error texts name the URL.
      'spec.yaml': `
name: secrets
dataset: { path: qa.jsonl }
prompt: "{{q}}"
candidates:
  - { id: model, provider: openai, model: m, baseURL: "http://bob:\${USER_PASS}@127.0.0.1:9/v1", headers: { x-team-key: "\${HEADER_VALUE}" } }
scorers: [{ type: includes, reference: "{{answer}}" }]
execution: { retries: 0, timeoutMs: 2000 }
`,
    });
    const result = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--quiet'], { cwd: dir, env: secrets });
    expect(result.code).toBe(3);
    const stored = everyFileUnder(join(dir, 'results', 'r'));
    expect(stored).toContain('"x-team-key"');
    for (const value of Object.values(secrets)) {
      expect(stored).not.toContain(value);
      expect(result.stderr + result.stdout).not.toContain(value);
    }
  });
});
