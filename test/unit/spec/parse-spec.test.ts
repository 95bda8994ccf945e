import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { evalSpecJsonSchema, parseEvalSpec } from '../../../lib/spec/index.ts';

const VALID = `
name: smoke
dataset: { path: data.jsonl }
prompt: "Capital of {{country}}?"
candidates:
  - { id: oracle, provider: control, kind: oracle }
scorers:
  - { type: includes, reference: "{{answer}}" }
`;

function parse(text: string, env: Record<string, string> = {}) {
  return parseEvalSpec(text, { path: 'evals/smoke.yaml', baseDir: '/tmp', env });
}

function errorOf(text: string, env: Record<string, string> = {}): string {
  try {
    parse(text, env);
  } catch (error) {
    expect(isVerdictError(error, 'SPEC_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the spec to be rejected');
}

describe('parseEvalSpec', () => {
  it('fills the documented defaults', () => {
    const { spec, sha256 } = parse(VALID);
    expect(spec.execution).toEqual({ concurrency: 16, timeoutMs: 60_000, retries: 4, repeats: 1, seed: 0, warmup: 0 });
    expect(spec.dataset.format).toBe('jsonl');
    expect(spec.gates).toEqual([]);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names an unknown key with its path', () => {
    expect(errorOf(`${VALID}execution: { concurency: 4 }\n`)).toContain('evals/smoke.yaml: execution.concurency: unknown key "concurency"');
  });

  it('lists the known scorers when the type is unknown', () => {
    const message = errorOf(VALID.replace('type: includes', 'type: exact_match'));
    expect(message).toMatch(/scorers\[0\]\.type: unknown scorer "exact_match"; known: .*exact.*includes/);
  });

  it('lists the known providers when the provider is unknown', () => {
    expect(errorOf(VALID.replace('provider: control', 'provider: anthropic'))).toMatch(
      /candidates\[0\]\.provider: unknown provider "anthropic"; known: openai, replay, control/,
    );
  });

  it('says what was expected and what was found for a wrong type', () => {
    expect(errorOf(`${VALID}execution: { concurrency: high }\n`)).toContain('execution.concurrency: expected number, got "high"');
  });

  it('rejects a spec with neither prompt nor messages', () => {
    expect(errorOf(VALID.replace('prompt: "Capital of {{country}}?"', ''))).toContain('give exactly one of "prompt" or "messages"');
  });

  it('rejects duplicate candidate ids', () => {
    const text = VALID.replace('  - { id: oracle, provider: control, kind: oracle }', '  - { id: a, provider: control, kind: oracle }\n  - { id: a, provider: control, kind: echo }');
    expect(errorOf(text)).toContain('candidates[1].id: duplicate id "a"');
  });

  // undici refuses these at request time (lib/core/request.js, processHeader: "invalid
  // transfer-encoding header", "expect header not supported"), which read as connection errors and
  // were retried; the spec now refuses them by key, and never echoes a header's value (it may be a key).
  it('refuses request headers the HTTP client owns or cannot send, naming the key and not the value', () => {
    const withHeaders = (headers: string) =>
      VALID.replace('  - { id: oracle, provider: control, kind: oracle }', `  - { id: m, provider: openai, model: gpt, headers: ${headers} }`);
    expect(errorOf(withHeaders('{ Transfer-Encoding: chunked }'))).toContain(
      'candidates[0].headers.Transfer-Encoding: header "Transfer-Encoding" is set by the HTTP client itself',
    );
    for (const name of ['expect', 'Upgrade', 'keep-alive', 'Connection', 'host', 'content-length']) {
      expect(errorOf(withHeaders(`{ "${name}": "x" }`))).toContain(`candidates[0].headers.${name}: header "${name}" is set by the HTTP client`);
    }
    expect(errorOf(withHeaders('{ "X Bad": "1" }'))).toContain('header "X Bad" is not a valid HTTP header name');
    const injected = errorOf(withHeaders('{ Authorization: "Bearer sk-secret-value\\r\\nX-Evil: 1" }'));
    expect(injected).toContain('candidates[0].headers.Authorization: header "Authorization" has a value with a line break or NUL');
    expect(injected).not.toContain('sk-secret-value');
    expect(() => parse(withHeaders('{ Authorization: "Bearer t", X-Org: acme, api-key: k }'))).not.toThrow();
  });

  it('points at the line of broken YAML', () => {
    expect(errorOf('name: x\ndataset: [unclosed\n')).toMatch(/^evals\/smoke\.yaml:\d+: not valid YAML/);
  });

  it('interpolates ${ENV} with defaults; an unset variable leaves an optional key unset', () => {
    const text = VALID.replace(
      '  - { id: oracle, provider: control, kind: oracle }',
      '  - { id: m, provider: openai, model: "${MODEL:-tiny}", baseURL: "${BASE_URL}" }',
    );
    const candidate = parse(text, { BASE_URL: 'http://localhost:9/v1' }).spec.candidates[0] as Record<string, unknown>;
    expect(candidate.model).toBe('tiny');
    expect(candidate.baseURL).toBe('http://localhost:9/v1');
    expect((parse(text).spec.candidates[0] as Record<string, unknown>).baseURL).toBeUndefined();
  });

  it('refuses to interpolate a secret into the spec, pointing at apiKeyEnv', () => {
    const text = VALID.replace('kind: oracle', 'kind: oracle, label: "${OPENAI_API_KEY}"');
    const message = errorOf(text, { OPENAI_API_KEY: 'sk-live-SECRET' });
    expect(message).toContain('apiKeyEnv');
    expect(message).not.toContain('sk-live-SECRET');
  });

  it('exports a JSON Schema that editors can use', () => {
    const schema = evalSpecJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'dataset', 'candidates', 'scorers', 'gates']));
    // scorers may be left out for dataset formats with default scorers (mmlu, arc...).
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'dataset', 'candidates']));
  });
});
