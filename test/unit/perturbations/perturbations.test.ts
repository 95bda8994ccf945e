import { describe, expect, it } from 'vitest';
import { expandPerturbations, type Sample } from '../../../lib/datasets/index.ts';
import { PerturbationsSpecSchema, type PerturbationTransform } from '../../../lib/datasets/perturbation-spec.ts';

const sample = (id: string, data: Record<string, unknown>): Sample => ({ id, data, source: { file: 'rows.jsonl', line: 1 } });
const EN = 'What is the capital of France? It is not Lyon, and I am sure you do not know.';
const ZH = '中国的首都是哪个城市？请用简体字回答，软件与网络。';

async function variant(transform: Record<string, unknown>, text = EN, seed = 0): Promise<Sample> {
  const spec = PerturbationsSpecSchema.parse({ fields: ['question'], transforms: [transform], seed });
  const [, perturbed] = await expandPerturbations([sample('q1', { question: text, answer: 'Paris' })], spec);
  return perturbed!;
}
const textOf = async (transform: Record<string, unknown>, text = EN, seed = 0) => (await variant(transform, text, seed)).data.question as string;

describe('each perturbation is deterministic under its seed', () => {
  it.each<Record<string, unknown>>([
    { type: 'typo', rate: 0.3 },
    { type: 'case', mode: 'random' },
    { type: 'whitespace', rate: 0.5 },
    { type: 'paraphrase' },
  ])('%j: same seed, same text; another seed, another text', async (transform) => {
    expect(await textOf(transform)).toBe(await textOf(transform));
    const seeds = await Promise.all([1, 2, 3, 4, 5].map((seed) => textOf(transform, EN, seed)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});

describe('each perturbation changes only what it says', () => {
  it('typo swaps letters for keyboard neighbours, one for one, nothing else', async () => {
    const typo = await textOf({ type: 'typo', rate: 0.3 });
    expect(typo).not.toBe(EN);
    expect(typo).toHaveLength(EN.length);
    const neighbours: Record<string, string> = { a: 'qwsz', e: 'wrsdf', o: 'ipkl', t: 'ryfgh' };
    [...EN].forEach((char, index) => {
      if (!/[a-z]/i.test(char)) expect(typo[index]).toBe(char);
      else if (typo[index] !== char && neighbours[char.toLowerCase()]) expect(neighbours[char.toLowerCase()]).toContain(typo[index]!.toLowerCase());
    });
  });

  it('case changes case only', async () => {
    for (const mode of ['lower', 'upper', 'title', 'random']) expect((await textOf({ type: 'case', mode })).toLowerCase()).toBe(EN.toLowerCase());
    expect(await textOf({ type: 'case', mode: 'upper' })).toBe(EN.toUpperCase());
    expect(await textOf({ type: 'case', mode: 'title' })).toBe('What Is The Capital Of France? It Is Not Lyon, And I Am Sure You Do Not Know.');
  });

  it('whitespace changes whitespace only', async () => {
    const spaced = await textOf({ type: 'whitespace', rate: 0.5 });
    expect(spaced).not.toBe(EN);
    expect(spaced.replace(/\s+/g, ' ')).toBe(EN);
  });

  it('punctuation strips punctuation only, in English and Chinese', async () => {
    expect(await textOf({ type: 'punctuation' })).toBe('What is the capital of France It is not Lyon and I am sure you do not know');
    expect(await textOf({ type: 'punctuation' }, ZH)).toBe('中国的首都是哪个城市请用简体字回答软件与网络');
    expect(await textOf({ type: 'punctuation' }, 'What is 3 + 4 × 2?')).toBe('What is 3 + 4 × 2');
  });

  it('contractions contract and expand the listed forms, keeping case', async () => {
    expect(await textOf({ type: 'contractions', mode: 'contract' })).toBe("What's the capital of France? It's not Lyon, and I'm sure you don't know.");
    expect(await textOf({ type: 'contractions', mode: 'expand' }, "Don't worry, it's fine; we aren't late.")).toBe('Do not worry, it is fine; we are not late.');
  });

  it('paraphrase wraps the text in a template, word for word, in its language', async () => {
    const english = await variant({ type: 'paraphrase' });
    expect(english.data.question).toContain(EN);
    expect(english.data.perturbation).toMatchObject({ template: expect.stringContaining('{text}') });
    const chinese = await textOf({ type: 'paraphrase' }, ZH);
    expect(chinese).toContain(ZH);
    expect(chinese.replace(ZH, '')).toMatch(/\p{Script=Han}/u);
  });

  it('width maps ASCII to full-width forms and back; NFKC undoes it', async () => {
    const full = await textOf({ type: 'width', to: 'full' }, 'Answer: B (42)');
    expect(full).toBe('Ａｎｓｗｅｒ：\u3000Ｂ\u3000（４２）');
    expect(full.normalize('NFKC')).toBe('Answer: B (42)');
    expect(await textOf({ type: 'width', to: 'half' }, full)).toBe('Answer: B (42)');
    expect(await textOf({ type: 'width', to: 'full' }, '中国')).toBe('中国');
  });

  it('chinese-script converts simplified ↔ traditional with OpenCC, character for character', async () => {
    const traditional = await textOf({ type: 'chinese-script', to: 'traditional' }, ZH);
    expect(traditional).toBe('中國的首都是哪個城市？請用簡體字回答，軟件與網絡。');
    expect(await textOf({ type: 'chinese-script', to: 'simplified' }, traditional)).toBe(ZH);
    expect(await textOf({ type: 'chinese-script', to: 'traditional' }, EN)).toBe(EN);
  });
});

describe('variants linked to their originals', () => {
  it('keeps the original, adds one variant per transform with a linking id, and leaves other fields alone', async () => {
    const transforms: PerturbationTransform[] = [{ type: 'case', mode: 'upper' }, { type: 'punctuation', mode: 'strip', id: 'no-punct' }];
    const spec = PerturbationsSpecSchema.parse({ fields: ['question', 'options'], transforms });
    const rows = await expandPerturbations([sample('q1', { question: 'Which?', options: ['cat.', 'dog'], answer: 'B' })], spec);
    expect(rows.map((row) => [row.id, row.cluster])).toEqual([['q1', 'q1'], ['q1~case', 'q1'], ['q1~no-punct', 'q1']]);
    expect(rows[0]!.data.perturbation).toEqual({ baseId: 'q1', name: 'original', variants: ['case', 'no-punct'] });
    expect(rows[1]!.data).toMatchObject({ question: 'WHICH?', options: ['CAT.', 'DOG'], answer: 'B' });
    expect(rows[1]!.data.perturbation).toMatchObject({ baseId: 'q1', name: 'case', type: 'case', params: { mode: 'upper' }, changed: true });
    expect(rows[2]!.data).toMatchObject({ question: 'Which', options: ['cat', 'dog'] });
  });

  it('names the row and field when a field is not text', async () => {
    const spec = PerturbationsSpecSchema.parse({ fields: ['count'], transforms: [{ type: 'typo' }] });
    await expect(expandPerturbations([sample('q1', { count: 3 })], spec)).rejects.toThrow('dataset.perturbations: rows.jsonl:1: fields: "count" is a number');
  });

  it('refuses two transforms with one name', () => {
    const parsed = PerturbationsSpecSchema.safeParse({ fields: ['q'], transforms: [{ type: 'typo' }, { type: 'typo', rate: 0.1 }] });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['transforms.1.id', 'two transforms are named "typo"; give each an "id"']]);
  });
});
