import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/** The repository root (bench/lib/ → ../..). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** A fake OpenAI-compatible server running in its own process, so it never shares our event loop. */
export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts test/fixtures/openai-server.ts in a child process with a fixed latency (ms). */
export async function startServerProcess(latencyMs: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/openai-server.ts'), '--port', '0', '--latency-ms', String(latencyMs)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`openai-server exited with ${code} before listening`)));
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs a TypeScript worker in a fresh Node process and parses the JSON it prints last on stdout. */
export async function runWorker<T>(file: string, args: readonly string[], options: { nodeArgs?: readonly string[] } = {}): Promise<T> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', join(ROOT, file), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${file} exited with code ${code}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

/** Peak resident set size of a command, in MB, from GNU time (`/usr/bin/time -v`). */
export async function peakRssOf(command: readonly string[]): Promise<{ peakRssMb: number; wallMs: number }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', ...command], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (code !== 0 || !match) throw new Error(`${command.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return { peakRssMb: Number(match[1]) / 1024, wallMs: performance.now() - started };
}
