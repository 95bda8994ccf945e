import { describe, expect, it } from 'vitest';
import { extractProgram } from '../../../lib/scorers/extract-program.ts';

describe('extractProgram', () => {
  it('takes the first block fenced in the language asked for, not the prose around it', () => {
    const answer = 'Sure!\n\n```python\ndef f(x):\n    return x + 1\n```\n\nCall it as `f(1)`.';
    expect(extractProgram(answer, 'python')).toEqual({ code: 'def f(x):\n    return x + 1\n', source: 'fenced' });
  });

  it('skips blocks in other languages (a shell example is not the solution) and accepts aliases and ~~~ fences', () => {
    const answer = '```bash\npip install nothing\n```\nThen:\n~~~ py\nprint(1)\n~~~\n```python\nprint(2)\n```';
    expect(extractProgram(answer, 'python')).toEqual({ code: 'print(1)\n', source: 'fenced' });
    expect(extractProgram('```js\nconst a = 1;\n```', 'javascript')).toEqual({ code: 'const a = 1;\n', source: 'fenced' });
    expect(extractProgram('```javascript\nconst a = 1;\n```', 'python').source).toBe('whole');
  });

  it('falls back to an untagged block, then to the whole answer', () => {
    expect(extractProgram('Code:\n```\nx = 1\n```', 'python')).toEqual({ code: 'x = 1\n', source: 'untagged' });
    const bare = 'def f():\n    return 1\n';
    expect(extractProgram(bare, 'python')).toEqual({ code: bare, source: 'whole' });
  });

  it('closes a fence only with the same fence, so a shorter one inside stays code', () => {
    const answer = '````python\ns = """\n```\n"""\n````';
    expect(extractProgram(answer, 'python').code).toBe('s = """\n```\n"""\n');
  });
});
