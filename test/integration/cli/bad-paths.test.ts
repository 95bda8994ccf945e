import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { compileTemplate } from '../../../lib/template/index.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const spec = (dataset: string, prompt = '{{question}}', format = 'jsonl') => `
name: paths
dataset: { path: ${dataset}, format: ${format} }
prompt: "${prompt}"
candidates: [{ id: o, provider: control, kind: oracle }]
scorers: [{ type: includes, reference: "{{answer}}" }]
`;
const ROW = '{"id":"a","question":"q","answer":"q"}\n';

describe('paths in the wrong place, and input that would change silently', () => {
  it('exits 2 naming a dataset path that is a folder', async () => {
    const dir = makeWorkspace({ 'spec.yaml': spec('data') });
    mkdirSync(join(dir, 'data'));
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('dataset.path: data is a folder; name a file, or a glob such as data/*.jsonl');
    expect(result.stderr).not.toContain('EISDIR');
  });

  it('exits 2 naming an --out that is a file', async () => {
    const dir = makeWorkspace({ 'spec.yaml': spec('qa.jsonl'), 'qa.jsonl': ROW, 'taken.txt': 'x' });
    const result = await runCli(['run', 'spec.yaml', '--out', 'taken.txt', '--quiet'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out taken.txt: is a file, not a folder');
    expect(result.stderr).not.toContain('ENOTDIR');
  });

  it('treats {{constructor}} as a missing field, not an inherited property', async () => {
    const dir = makeWorkspace({ 'spec.yaml': spec('qa.jsonl', '{{constructor}}'), 'qa.jsonl': ROW });
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('uses {{constructor}} but the row has no field "constructor"');
  });

  it.each(['constructor', '__proto__', 'toString', 'question.length', 'tags.constructor'])('renders only own properties: {{%s}} is missing', (field) => {
    const template = compileTemplate(`{{${field}}}`);
    expect(() => template.render({ question: 'q', tags: ['a'] }, 's1')).toThrow(/has no field/);
  });

  it('still reads own fields, array indexes and an own field named like a prototype property', () => {
    expect(compileTemplate('{{a.b}} {{tags.1}} {{tags.length}} {{constructor}}').render({ a: { b: 'x' }, tags: ['p', 'q'], constructor: 'own' }, 's1')).toBe('x q 2 own');
  });

  it.each([
    ['jsonl', 'qa.jsonl', (bad: Buffer) => Buffer.concat([Buffer.from(ROW + ROW.replace('"a"', '"b"')), Buffer.from('{"id":"c","question":"caf'), bad, Buffer.from('","answer":"x"}\n')])],
    ['csv', 'qa.csv', (bad: Buffer) => Buffer.concat([Buffer.from('id,question,answer\na,q,q\nb,q,q\nc,caf'), bad, Buffer.from(',x\n')])],
  ] as const)('refuses invalid UTF-8 in a %s dataset at file:line', async (format, name, content) => {
    // Latin-1 é, a lead byte without its continuation, an encoded surrogate; then a valid é.
    for (const bad of [Buffer.from([0xe9]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const dir = makeWorkspace({ 'spec.yaml': spec(name, '{{question}}', format) });
      writeFileSync(join(dir, name), content(bad));
      const loaded = await loadEvalSpec(join(dir, 'spec.yaml'));
      const error = await loadDataset(loaded.spec.dataset, loaded.baseDir).then(() => null, (caught: unknown) => caught);
      expect(isVerdictError(error, 'DATASET_INVALID'), bad.toString('hex')).toBe(true);
      expect((error as Error).message).toContain(`${name}:${format === 'csv' ? 4 : 3}: not valid UTF-8`);
    }
    const dir = makeWorkspace({ 'spec.yaml': spec(name, '{{question}}', format) });
    writeFileSync(join(dir, name), content(Buffer.from('é')));
    const loaded = await loadEvalSpec(join(dir, 'spec.yaml'));
    expect((await loadDataset(loaded.spec.dataset, loaded.baseDir)).samples.at(2)!.data.question).toBe('café');
  });

  it('exits 2 on invalid UTF-8 through the CLI', async () => {
    const dir = makeWorkspace({ 'spec.yaml': spec('qa.jsonl') });
    writeFileSync(join(dir, 'qa.jsonl'), Buffer.concat([Buffer.from(ROW), Buffer.from('{"id":"b","question":"\xff","answer":"x"}\n', 'latin1')]));
    const result = await runCli(['validate', 'spec.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('qa.jsonl:2: not valid UTF-8');
  });
});
