import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from './run-process.ts';
import { SandboxEventSchema, type SandboxOutcome } from './sandbox-event.ts';

/** Options of {@link handleSandboxEvent}. */
export interface SandboxHandlerOptions {
  /** The interpreter (the function's own Node). */
  readonly interpreter: string;
  /** Empty the whole temporary folder after each program (the sandbox function's /tmp is its own). */
  readonly wipeTmp?: boolean;
}

/**
 * The Node sandbox function: runs one program in a fresh directory with an empty environment, a
 * wall-clock limit that kills its process group, and output caps. The function itself is the
 * isolation: no network route, no permissions beyond its logs, a short timeout (lib/infra/code-sandbox.ts).
 * Lambda containers are reused, so with `wipeTmp` nothing a program leaves in /tmp reaches the next.
 */
export async function handleSandboxEvent(raw: unknown, options: SandboxHandlerOptions): Promise<SandboxOutcome> {
  const event = SandboxEventSchema.parse(raw);
  const workDir = await mkdtemp(join(tmpdir(), 'verdict-sandbox-'));
  try {
    await writeFile(join(workDir, event.programName), event.program);
    return await runProcess({
      command: options.interpreter,
      args: event.args,
      cwd: workDir,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: workDir, TMPDIR: workDir, LANG: 'C.UTF-8' },
      timeoutMs: event.timeoutMs,
      outputLimitBytes: event.outputLimitBytes,
      captureBytes: event.captureBytes,
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
    if (options.wipeTmp) for (const name of await readdir(tmpdir())) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}
