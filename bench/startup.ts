import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/processes.ts';
import { fmt, type BenchRow } from './lib/table.ts';

const ROUNDS = 7;

/** Median wall time of `node <args>` over {@link ROUNDS} runs, in ms (the first run warms the disk cache and is dropped). */
function medianWallMs(args: string[], env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`bench startup: node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (round > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Start-up of the CLI (issue 15): `verdict --help` and `verdict validate evals/demo.yaml` from the
 * esbuild bundle `bin/verdict.js` runs (`npm run build`; targets < 300 ms and < 500 ms), beside
 * the same commands from the TypeScript sources through tsx and bare `node -e 0` — the floor on
 * this machine, which a loaded machine raises for every row alike.
 */
export async function startupBench(): Promise<BenchRow[]> {
  const cli = join(ROOT, 'bin', 'verdict.js');
  const floor = medianWallMs(['-e', '0']);
  const rows: BenchRow[] = [];
  for (const [label, args, targetMs] of [
    ['verdict --help', ['--help'], 300],
    ['verdict --version', ['--version'], 300],
    ['verdict validate evals/demo.yaml', ['validate', 'evals/demo.yaml'], 500],
  ] as const) {
    const bundled = medianWallMs([cli, ...args]);
    const source = medianWallMs([cli, ...args], { VERDICT_FROM_SOURCE: '1' });
    rows.push({
      benchmark: `start-up: ${label} (median of ${ROUNDS})`,
      verdict: `${fmt(bundled)} ms`,
      baseline: `${fmt(source)} ms from sources (tsx); node -e 0: ${fmt(floor)} ms`,
      target: `< ${targetMs} ms`,
      pass: bundled < targetMs,
    });
  }
  return rows;
}
