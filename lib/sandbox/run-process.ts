import { spawn } from 'node:child_process';
import type { ProcessEnding } from './classify-exit.ts';

/** What {@link runProcess} needs: the command, where and with what environment, and its limits. */
export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** stdout + stderr bytes beyond which the process group is killed. */
  readonly outputLimitBytes: number;
  /** Bytes of each stream kept for the record. */
  readonly captureBytes: number;
  readonly signal?: AbortSignal;
}

/** How the process ended, with its capped output and wall time. */
export interface ProcessOutcome extends ProcessEnding {
  readonly stdout: string;
  readonly truncated: boolean;
  readonly durationMs: number;
}

/** How long to wait for the pipes to close after a kill before giving up on them. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Runs a command in its own process group with stdin closed, capped output and a wall-clock
 * limit; at the limit (or past the output limit, or on abort) the whole group is killed with
 * SIGKILL. Never rejects for what the program does.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout = new CappedText(spec.captureBytes);
    const stderr = new CappedText(spec.captureBytes);
    let total = 0;
    let timedOut = false;
    let outputExceeded = false;
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      // A descendant that escaped the group could hold the pipes open; do not wait for it forever.
      setTimeout(() => finish(null, 'SIGKILL'), CLOSE_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, spec.timeoutMs);
    const onAbort = () => {
      timedOut = true;
      killGroup();
    };
    // Aborted before the spawn: no event will come, so kill it now rather than at its timeout.
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
    const onData = (target: CappedText) => (chunk: Buffer) => {
      total += chunk.length;
      target.add(chunk);
      if (total > spec.outputLimitBytes && !outputExceeded) {
        outputExceeded = true;
        killGroup();
      }
    };
    child.stdout.on('data', onData(stdout));
    child.stderr.on('data', onData(stderr));
    function finish(exitCode: number | null, signal: string | null): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        exitCode,
        signal,
        timedOut,
        outputExceeded,
        stdout: stdout.text(),
        stderr: stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
        durationMs: performance.now() - started,
      });
    }
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Keeps the first `limit` bytes of a stream and remembers whether more came. */
class CappedText {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    const room = this.limit - this.kept;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part !== chunk) this.truncated = true;
    this.chunks.push(part);
    this.kept += part.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
