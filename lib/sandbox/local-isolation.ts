import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The isolation levels the local sandbox tries, strongest first. */
export type IsolationLevel = 'namespaces' | 'limits-only' | 'none';

/** The tools found on this machine. */
export interface HostTools {
  readonly prlimit?: string;
  readonly unshare?: string;
  readonly setpriv?: string;
  readonly sh: string;
  readonly root: boolean;
}

/** Finds an executable on PATH (or in the usual system folders). */
export function findExecutable(name: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const folders = [...(env.PATH ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The util-linux tools the local sandbox builds on, and whether Verdict runs as root. */
export function findHostTools(): HostTools {
  return {
    prlimit: findExecutable('prlimit'),
    unshare: findExecutable('unshare'),
    setpriv: findExecutable('setpriv'),
    sh: findExecutable('sh') ?? '/bin/sh',
    root: typeof process.getuid === 'function' && process.getuid() === 0,
  };
}

/**
 * The interpreter for a language: an explicit path, else a system one. System paths come first
 * because an interpreter under a home folder (pyenv, nvm) is hidden from sandboxed programs.
 */
export function findInterpreter(language: 'python' | 'javascript', explicit?: string): string {
  if (explicit) return explicit;
  if (language === 'javascript') {
    for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) if (existsSync(candidate)) return candidate;
    return process.execPath;
  }
  for (const candidate of ['/usr/bin/python3', '/usr/local/bin/python3']) if (existsSync(candidate)) return candidate;
  const found = findExecutable('python3');
  return found ? realpathSync(found) : 'python3';
}

/** Limits in prlimit's terms: CPU seconds, bytes of memory, file size, processes and files. */
export interface ResourceLimits {
  readonly cpuSeconds: number;
  readonly memoryBytes: number;
  /** RLIMIT_AS for Python; V8 needs its address-space reservations, so Node gets RLIMIT_DATA. */
  readonly memoryKind: 'as' | 'data';
  readonly fileBytes: number;
  readonly processes: number;
  readonly openFiles: number;
}

/** prlimit's arguments for the limits (soft = hard, except CPU: SIGXCPU at soft, SIGKILL a second later). */
export function prlimitArgs(limits: ResourceLimits): string[] {
  return [
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--${limits.memoryKind}=${limits.memoryBytes}`,
    `--fsize=${limits.fileBytes}`,
    `--nproc=${limits.processes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
  ];
}

/** Folders hidden behind an empty tmpfs: scratch space is private, homes and the project unseen. */
export function hiddenFolders(options: { cwd: string; home?: string; interpreters: readonly string[] }): string[] {
  const folders = new Set(['/tmp', '/var/tmp', '/dev/shm', '/root', '/home', '/run/user']);
  if (options.home) folders.add(options.home);
  // The project folder may hold keys (.env); hide it unless an interpreter lives inside it.
  if (options.cwd !== '/' && !options.interpreters.some((path) => path.startsWith(`${options.cwd}/`))) folders.add(options.cwd);
  for (const interpreter of options.interpreters) {
    for (const folder of [...folders]) if (interpreter.startsWith(`${folder}/`)) folders.delete(folder);
  }
  // A folder inside another hidden one is covered already (and mounting on it would fail).
  const existing = [...folders].filter((folder) => existsSync(folder));
  return existing.filter((folder) => !existing.some((other) => other !== folder && folder.startsWith(`${other}/`)));
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The shell step run inside the new namespaces: mounts are made private, scratch and private
 * folders are covered with small empty tmpfs mounts, /proc shows only the sandbox's processes,
 * and — when Verdict runs as root — the program drops to its own unprivileged uid with no
 * capabilities and no way to regain them. The working directory was entered before the mounts,
 * so it stays reachable (as `.`) even though /tmp is covered.
 */
export function namespaceScript(options: { workDir: string; hide: readonly string[]; uid?: number; setpriv?: string }): string {
  const lines = [
    'set -e',
    `cd ${quote(options.workDir)}`,
    'mount --make-rprivate /',
    ...options.hide.map((folder) => `mount -t tmpfs -o size=16m,mode=1777,nosuid,nodev tmpfs ${quote(folder)}`),
    'mount -t proc -o nosuid,nodev,noexec proc /proc',
  ];
  if (options.uid !== undefined && options.setpriv) {
    lines.push(
      `exec ${quote(options.setpriv)} --reuid=${options.uid} --regid=${options.uid} --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"`,
    );
  } else {
    lines.push('exec "$@"');
  }
  return lines.join('\n');
}

/** The namespace flags: a user namespace as well when not root (unprivileged namespaces). */
export function unshareArgs(root: boolean): string[] {
  return [...(root ? [] : ['--user', '--map-root-user']), '--net', '--pid', '--mount', '--fork', '--kill-child', '--'];
}
