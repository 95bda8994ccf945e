import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyEnding } from '../../../lib/sandbox/classify-exit.ts';
import { hiddenFolders, prlimitArgs } from '../../../lib/sandbox/local-isolation.ts';
import { RUNNER_EXIT } from '../../../lib/sandbox/runners.ts';

describe('local sandbox isolation plan', () => {
  it('hides scratch folders, homes and the project, but never a folder inside another (the mount would fail)', () => {
    const project = mkdtempSync(join(tmpdir(), 'verdict-project-'));
    const hidden = hiddenFolders({ cwd: project, home: '/root', interpreters: ['/usr/bin/python3'] });
    expect(hidden).toContain('/tmp');
    expect(hidden).not.toContain(project);
    const outside = hiddenFolders({ cwd: '/usr/share', interpreters: ['/usr/bin/python3'] });
    expect(outside).toContain('/usr/share');
  });

  it('keeps an interpreter reachable: a folder holding one is not hidden', () => {
    expect(hiddenFolders({ cwd: '/usr', interpreters: ['/usr/bin/node'] })).not.toContain('/usr');
  });

  it('gives SIGXCPU at the soft CPU limit and SIGKILL a second later', () => {
    expect(prlimitArgs({ cpuSeconds: 3, memoryBytes: 1024, memoryKind: 'as', fileBytes: 10, processes: 64, openFiles: 256 })).toEqual([
      '--cpu=3:4',
      '--as=1024',
      '--fsize=10',
      '--nproc=64',
      '--nofile=256',
      '--core=0',
    ]);
  });
});

describe('classifyEnding', () => {
  const ending = { exitCode: 0, signal: null, timedOut: false, outputExceeded: false, stderr: '' };
  it('names limits the adapter enforced before anything the program reported', () => {
    expect(classifyEnding({ ...ending, timedOut: true })).toEqual({ passed: false, failure: 'timeout' });
    expect(classifyEnding({ ...ending, outputExceeded: true })).toEqual({ passed: false, failure: 'output_limit' });
    expect(classifyEnding({ ...ending, exitCode: null, signal: 'SIGXCPU' })).toEqual({ passed: false, failure: 'timeout' });
    expect(classifyEnding({ ...ending, exitCode: null, signal: 'SIGXFSZ' })).toEqual({ passed: false, failure: 'output_limit' });
  });

  it('reads the runner exit codes, and an unknown code by its out-of-memory message', () => {
    expect(classifyEnding(ending)).toEqual({ passed: true });
    expect(classifyEnding({ ...ending, exitCode: RUNNER_EXIT.assertion }).failure).toBe('assertion');
    expect(classifyEnding({ ...ending, exitCode: RUNNER_EXIT.earlyExit }).failure).toBe('runtime_error');
    expect(classifyEnding({ ...ending, exitCode: null, signal: 'SIGABRT', stderr: 'FATAL ERROR: Reached heap limit - JavaScript heap out of memory' }).failure).toBe('memory');
    expect(classifyEnding({ ...ending, exitCode: 1, stderr: 'Traceback ... KeyError' }).failure).toBe('runtime_error');
  });
});
