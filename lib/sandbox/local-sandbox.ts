import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import type { CodeLanguage } from '../datasets/index.ts';
import type { Sandbox, SandboxIsolation, SandboxRequest, SandboxResult } from '../scorers/index.ts';
import { classifyEnding } from './classify-exit.ts';
import {
  findHostTools,
  findInterpreter,
  hiddenFolders,
  namespaceScript,
  prlimitArgs,
  unshareArgs,
  type HostTools,
  type IsolationLevel,
} from './local-isolation.ts';
import { runProcess } from './run-process.ts';
import { RUNNERS } from './runners.ts';
import { Slots } from './slots.ts';

/** Options of {@link createLocalSandbox}. */
export interface LocalSandboxOptions {
  /** The languages the run needs; each is checked at start-up. */
  readonly languages: readonly CodeLanguage[];
  /** Programs run at once. @default the machine's available parallelism */
  readonly maxConcurrent?: number;
  /** Interpreter paths. @default a system python3 / node */
  readonly interpreters?: Partial<Record<CodeLanguage, string>>;
  /** Bytes of stdout and of stderr kept per run. @default 8192 */
  readonly captureBytes?: number;
  /** Weakest isolation accepted; a machine that cannot reach it fails at start-up. @default 'none' */
  readonly minimumLevel?: IsolationLevel;
}

const LEVELS: readonly IsolationLevel[] = ['namespaces', 'limits-only', 'none'];
const DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
/** First uid of the unprivileged uids programs run as (when Verdict runs as root), one per slot. */
const UID_BASE = 200_000;

/**
 * The local sandbox: one child process per program in a fresh temporary directory, with a
 * scrubbed environment, CPU, memory, file-size, process and open-file limits (prlimit), a
 * wall-clock limit that kills the whole process group, and output caps. Where the machine allows
 * (util-linux `unshare`), each program also gets its own network namespace (no network at all),
 * PID namespace (a fork bomb dies with it) and mount namespace (private /tmp; homes and the
 * project folder hidden), and under root its own unprivileged uid. The level reached is probed
 * once, with each language's interpreter, and recorded in `isolation`.
 */
export async function createLocalSandbox(options: LocalSandboxOptions): Promise<Sandbox> {
  const tools = findHostTools();
  const interpreters = Object.fromEntries(options.languages.map((language) => [language, findInterpreter(language, options.interpreters?.[language])])) as Record<
    CodeLanguage,
    string
  >;
  const slots = new Slots(options.maxConcurrent ?? availableParallelism());
  const uidBase = UID_BASE + (process.pid % 1000) * 64;
  const minimum = LEVELS.indexOf(options.minimumLevel ?? 'none');
  const failures: string[] = [];
  for (const level of LEVELS.slice(0, minimum + 1)) {
    if (level !== 'none' && !tools.prlimit) continue;
    if (level === 'namespaces' && !tools.unshare) continue;
    const runner = new LocalRunner({ level, tools, interpreters, uidBase, captureBytes: options.captureBytes ?? 8192 });
    const problem = await runner.selfTest(options.languages);
    if (problem === undefined) {
      const isolation = describeIsolation(level, tools, runner.hidden, failures);
      return { isolation, run: (request) => slots.use((slot) => runner.run(request, slot)) };
    }
    failures.push(`${level}: ${problem}`);
  }
  throw new VerdictError('USAGE', `the local sandbox cannot run ${options.languages.join(', ')} on this machine (${failures.join('; ') || 'prlimit/unshare not found'})`, {
    context: { failures },
  });
}

interface RunnerConfig {
  readonly level: IsolationLevel;
  readonly tools: HostTools;
  readonly interpreters: Record<CodeLanguage, string>;
  readonly uidBase: number;
  readonly captureBytes: number;
}

/** Runs programs at one isolation level. */
class LocalRunner {
  readonly hidden: string[];

  constructor(private readonly config: RunnerConfig) {
    this.hidden = hiddenFolders({ cwd: process.cwd(), home: homedir(), interpreters: Object.values(config.interpreters) });
  }

  /** Runs a passing and a failing program per language; returns what went wrong, if anything. */
  async selfTest(languages: readonly CodeLanguage[]): Promise<string | undefined> {
    for (const language of languages) {
      const program = language === 'python' ? 'assert 1 + 1 == 2\n' : "require('node:assert').strictEqual(1 + 1, 2);\n";
      const result = await this.run({ language, program, timeoutMs: 10_000, memoryMb: 256 }, 0);
      if (!result.passed) return `${language} (${this.config.interpreters[language]}) did not run: ${result.failure}, exit ${result.exitCode}, ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
    }
    return undefined;
  }

  async run(request: SandboxRequest, slot: number): Promise<SandboxResult> {
    const { level, tools } = this.config;
    const runner = RUNNERS[request.language];
    const workDir = await mkdtemp(join(tmpdir(), 'verdict-sandbox-'));
    try {
      await writeFile(join(workDir, runner.programName), request.program, { mode: 0o644 });
      const uid = level === 'namespaces' && tools.root && tools.setpriv ? this.config.uidBase + slot : undefined;
      if (uid !== undefined) await chown(workDir, uid, uid);
      await chmod(workDir, 0o700);
      const outputLimitBytes = request.outputLimitBytes ?? DEFAULT_OUTPUT_LIMIT;
      const program = [this.config.interpreters[request.language], ...runner.args(request.memoryMb)];
      const { command, args } = this.command(program, { workDir, uid, request, outputLimitBytes });
      const outcome = await runProcess({
        command,
        args,
        cwd: workDir,
        env: sandboxEnv(level, workDir),
        timeoutMs: request.timeoutMs,
        outputLimitBytes,
        captureBytes: this.config.captureBytes,
        signal: request.signal,
      });
      const { passed, failure } = classifyEnding(outcome);
      return {
        passed,
        ...(failure && { failure }),
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        durationMs: outcome.durationMs,
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        truncated: outcome.truncated,
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private command(
    program: string[],
    context: { workDir: string; uid?: number; request: SandboxRequest; outputLimitBytes: number },
  ): { command: string; args: string[] } {
    const { level, tools } = this.config;
    if (level === 'none') return { command: program[0]!, args: program.slice(1) };
    const limits = prlimitArgs({
      cpuSeconds: Math.max(1, Math.ceil(context.request.timeoutMs / 1000)),
      memoryBytes: context.request.memoryMb * 1024 * 1024,
      memoryKind: context.request.language === 'javascript' ? 'data' : 'as',
      fileBytes: context.outputLimitBytes,
      // Counted per uid: with a uid of its own a program may have 64 (Node needs ~12 threads).
      processes: context.uid !== undefined ? 64 : 4096,
      openFiles: 256,
    });
    const isolated =
      level === 'namespaces'
        ? [
            tools.unshare!,
            ...unshareArgs(tools.root),
            tools.sh,
            '-c',
            namespaceScript({ workDir: context.workDir, hide: this.hidden, uid: context.uid, setpriv: tools.setpriv }),
            'verdict-sandbox',
            ...program,
          ]
        : program;
    return { command: tools.prlimit!, args: [...limits, '--', ...isolated] };
  }
}

/** The whole environment a program sees: no keys, no tokens, nothing from Verdict's own. */
function sandboxEnv(level: IsolationLevel, workDir: string): Record<string, string> {
  const scratch = level === 'namespaces' ? '/tmp' : workDir;
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: scratch, TMPDIR: scratch, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' };
}

function describeIsolation(level: IsolationLevel, tools: HostTools, hidden: readonly string[], failures: readonly string[]): SandboxIsolation {
  const limits = level === 'none' ? ['wall-clock'] : ['wall-clock', 'cpu', 'memory', 'file-size', 'processes', 'open-files', 'output'];
  const missing: string[] = [];
  if (level !== 'namespaces') {
    const why = failures.find((failure) => failure.startsWith('namespaces:'))?.slice('namespaces: '.length);
    missing.push(tools.unshare ? `namespaces (unshare failed here: ${why ?? 'unknown'})` : 'namespaces (util-linux unshare not installed)');
    missing.push('network isolation: programs can reach the network', 'private file system: programs see the host files the user can read');
  }
  if (level === 'none') missing.push('resource limits (util-linux prlimit not installed)');
  const rootless = level === 'namespaces' && !tools.root;
  return {
    kind: 'local',
    network: level === 'namespaces' ? 'none' : 'host',
    filesystem:
      level === 'namespaces'
        ? `fresh temporary directory; private ${hidden.filter((folder) => ['/tmp', '/var/tmp', '/dev/shm'].includes(folder)).join(', ')}; hidden ${hidden.filter((folder) => !['/tmp', '/var/tmp', '/dev/shm'].includes(folder)).join(', ')}`
        : 'fresh temporary directory (host file system visible)',
    user: level === 'namespaces' ? (rootless ? 'the invoking user, mapped to root of a user namespace' : 'a dedicated unprivileged uid per slot, no capabilities') : 'the invoking user',
    limits,
    missing,
  };
}
