/**
 * Bench worker: executions per second of the local sandbox — one child process per program, with
 * the isolation this machine allows (namespaces, limits only, or none; printed), `concurrency`
 * programs at once. Each program is a small passing check in the shape the `code` scorer builds
 * (a function, then asserts), so the figure is the per-execution cost: spawn, isolation, the
 * interpreter's start-up, clean-up. Prints `{ level, network, concurrency, languages: [{ language, programs, execsPerS, p50Ms }] }`.
 * Usage: tsx bench/workers/sandbox.ts [programs per language] [concurrency]
 */
import { availableParallelism } from 'node:os';
import { createLocalSandbox } from '../../lib/sandbox/index.ts';
import type { CodeLanguage } from '../../lib/datasets/index.ts';

const programs = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? availableParallelism());

const PROGRAMS: Record<CodeLanguage, string> = {
  python: 'def add(a, b):\n    return a + b\n\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n\ncheck(add)\n',
  javascript: "function add(a, b) {\n  return a + b;\n}\nconst assert = require('node:assert');\nassert.strictEqual(add(1, 2), 3);\nassert.strictEqual(add(-1, 1), 0);\n",
};

const languages = Object.keys(PROGRAMS) as CodeLanguage[];
const sandbox = await createLocalSandbox({ languages, maxConcurrent: concurrency });
const results = [];
for (const language of languages) {
  const durations: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  // `concurrency` workers pulling from one counter: the sandbox's own slots would queue the rest anyway.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < programs) {
        next++;
        const result = await sandbox.run({ language, program: PROGRAMS[language], timeoutMs: 10_000, memoryMb: 256 });
        if (!result.passed) failed++;
        durations.push(result.durationMs);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failed > 0) throw new Error(`${failed} of ${programs} ${language} bench programs failed in the sandbox`);
  durations.sort((a, b) => a - b);
  results.push({ language, programs, execsPerS: programs / seconds, p50Ms: durations[Math.floor(durations.length / 2)]! });
}
const level = sandbox.isolation.missing.some((text) => text.startsWith('namespaces')) ? (sandbox.isolation.limits.includes('cpu') ? 'limits-only' : 'none') : 'namespaces';
process.stdout.write(JSON.stringify({ level, network: sandbox.isolation.network, concurrency, languages: results }));
