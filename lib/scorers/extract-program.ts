import type { CodeLanguage } from '../datasets/index.ts';

/** Info strings that name each language on a Markdown fence. */
const FENCE_NAMES: Record<CodeLanguage, readonly string[]> = {
  python: ['python', 'python3', 'py', 'py3'],
  javascript: ['javascript', 'js', 'node', 'nodejs', 'cjs', 'mjs'],
};

/** A fenced block: ``` or ~~~ (three or more), an optional info string, the body, the same fence. */
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\n`]*)\n([\s\S]*?)^ {0,3}\1[ \t]*$/gm;

/** What {@link extractProgram} took from an answer, and from where. */
export interface ExtractedProgram {
  readonly code: string;
  /** `fenced` (a block in the language asked for), `untagged` (a block without a language) or `whole`. */
  readonly source: 'fenced' | 'untagged' | 'whole';
}

/**
 * The program in a model's answer: the first fenced Markdown block tagged with the language asked
 * for (```python), else the first block with no language tag, else the whole answer. Blocks tagged
 * with another language (```bash, ```text) are never taken: a chat model's usage example is not
 * its solution.
 *
 * @example
 * extractProgram('Here:\n```python\ndef f(): return 1\n```\nDone.', 'python').code // 'def f(): return 1\n'
 */
export function extractProgram(answer: string, language: CodeLanguage): ExtractedProgram {
  const names = FENCE_NAMES[language];
  let untagged: string | undefined;
  for (const match of answer.matchAll(FENCE)) {
    const info = (match[2] ?? '').trim().split(/\s+/)[0]!.toLowerCase();
    if (names.includes(info)) return { code: match[3]!, source: 'fenced' };
    if (info === '' && untagged === undefined) untagged = match[3]!;
  }
  return untagged !== undefined ? { code: untagged, source: 'untagged' } : { code: answer, source: 'whole' };
}
