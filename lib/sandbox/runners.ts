import type { CodeLanguage } from '../datasets/index.ts';

/**
 * How a runner ends, so the sandbox can name the failure without trusting the program's stderr.
 * The program can still exit with any code itself; a code it fakes is a failure all the same,
 * except 0, which is why a program that exits early (Python `SystemExit`, `process.exit`) is
 * turned into {@link RUNNER_EXIT.earlyExit}.
 */
export const RUNNER_EXIT = {
  passed: 0,
  syntaxError: 101,
  assertion: 102,
  runtimeError: 103,
  memory: 104,
  outputLimit: 105,
  earlyExit: 106,
} as const;

/**
 * Python 3 runner: compiles the program (a syntax error is told apart from one raised at run
 * time), then executes it in a fresh globals dict, as openai/human-eval's `unsafe_execute` does
 * with `exec(check_program, {})`: `__name__` is not `"__main__"`, and an exit (`SystemExit`)
 * before the tests finish is a failure there too.
 */
const PYTHON_RUNNER = `import errno, sys, traceback

def _verdict_run(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        code = compile(source, path, "exec")
    except (SyntaxError, ValueError):
        traceback.print_exc(limit=1)
        return ${RUNNER_EXIT.syntaxError}
    try:
        exec(code, {})
    except AssertionError:
        traceback.print_exc(limit=8)
        return ${RUNNER_EXIT.assertion}
    except MemoryError:
        sys.stderr.write("MemoryError\\n")
        return ${RUNNER_EXIT.memory}
    except SystemExit as error:
        sys.stderr.write("the program exited before its tests finished (SystemExit %r)\\n" % (error.code,))
        return ${RUNNER_EXIT.earlyExit}
    except OSError as error:
        traceback.print_exc(limit=8)
        return ${RUNNER_EXIT.outputLimit} if error.errno == errno.EFBIG else ${RUNNER_EXIT.runtimeError}
    except BaseException:
        traceback.print_exc(limit=8)
        return ${RUNNER_EXIT.runtimeError}
    return ${RUNNER_EXIT.passed}

sys.stdout.flush()
_status = _verdict_run(sys.argv[1])
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BaseException:
    pass
import os
os._exit(_status)
`;

/**
 * Node runner: a program that parses as a CommonJS module runs as one (so \`require('node:assert')\`
 * works); one that only parses as an ES module (\`import\`/\`export\`, top-level \`await\`) runs as
 * one, from a copy named program.mjs in its TMPDIR, with \`require\` still defined for tests written in CommonJS.
 * Both parses happen before anything runs, so a syntax error is told apart from a runtime one
 * (the ES parse needs --experimental-vm-modules; its warning is dropped); an ES module's syntax
 * error is located by \`node --check\` on a copy, since vm's error has no line. An uncaught error or
 * rejected promise ends the run with its class; \`process.exit()\` from the program, or a
 * top-level \`await\` that never settles, is an early exit, a failure.
 */
const NODE_RUNNER = `'use strict';
const { mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const Module = require('node:module');
const path = process.argv[1];
const source = readFileSync(path, 'utf8');
const exitNow = process.reallyExit.bind(process);
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
  if (type === 'ExperimentalWarning' && /VM Modules/.test(String(warning))) return;
  return emitWarning.call(process, warning, ...rest);
};
function classOf(error) {
  if (error && (error.code === 'ERR_ASSERTION' || error.name === 'AssertionError')) return ${RUNNER_EXIT.assertion};
  if (error instanceof RangeError && /allocation failed/i.test(error.message)) return ${RUNNER_EXIT.memory};
  if (error && error.code === 'EFBIG') return ${RUNNER_EXIT.outputLimit};
  return ${RUNNER_EXIT.runtimeError};
}
function fail(error, status) {
  // The error and the program's own frames; the runner's frames would only be noise.
  const lines = String((error && error.stack) || error).split('\\n');
  const shown = lines.filter((line, index) => index === 0 || !/^\\s+at /.test(line) || /program\\.m?js/.test(line));
  try { process.stderr.write(shown.join('\\n') + '\\n'); } catch {}
  exitNow(status);
}
function parses(compile) {
  try { compile(); return undefined; } catch (error) { return error; }
}
const commonJsError = parses(() => new vm.Script(Module.wrap(source), { filename: path }));
const moduleError = commonJsError && parses(() => new vm.SourceTextModule(source, { identifier: 'program.mjs' }));
// An ES module's SyntaxError from vm carries no position; \`node --check\` on a copy prints the
// file, line and caret (as a CommonJS error has them), before anything of the program runs.
function locatedModuleError(error) {
  try {
    const copy = join(mkdtempSync(join(tmpdir(), 'verdict-check-')), 'program.mjs');
    writeFileSync(copy, source);
    const checked = require('node:child_process').spawnSync(process.execPath, ['--check', copy], { encoding: 'utf8', timeout: 10000 });
    const text = String(checked.stderr || '');
    if (checked.status === 0 || !text.includes('SyntaxError')) return error;
    return text.split(copy).join('program.mjs').replace(/\\n+Node\\.js v[^\\n]*\\s*$/, '');
  } catch {
    return error;
  }
}
if (commonJsError && moduleError) {
  // Report the error of the module system the program was written for.
  fail(/^\\s*(import|export)\\b/m.test(source) ? locatedModuleError(moduleError) : commonJsError, ${RUNNER_EXIT.syntaxError});
}
process.on('uncaughtException', (error) => fail(error, classOf(error)));
process.on('unhandledRejection', (error) => fail(error, classOf(error)));
process.exit = (code) => fail('the program exited before its tests finished (process.exit(' + code + '))', ${RUNNER_EXIT.earlyExit});
const filename = resolve(path);
if (!commonJsError) {
  const program = new Module(filename, null);
  program.filename = filename;
  program.paths = Module._nodeModulePaths(dirname(filename));
  program._compile(source, filename);
} else {
  // Under the namespace sandbox the work directory's path is hidden (the program only has it as
  // its cwd), and import() needs a path: the copy goes to the program's own TMPDIR.
  const modulePath = join(mkdtempSync(join(tmpdir(), 'verdict-esm-')), 'program.mjs');
  writeFileSync(modulePath, source);
  globalThis.require = Module.createRequire(modulePath);
  let settled = false;
  process.on('exit', (code) => {
    if (!settled && code === 0) fail('the program ended with a top-level await that never settled', ${RUNNER_EXIT.earlyExit});
  });
  import(pathToFileURL(modulePath).href).then(() => { settled = true; }, (error) => fail(error, classOf(error)));
}
`;

/**
 * How a language runs: the interpreter arguments, with the runner passed inline (`-c` / `-e`)
 * so it needs no file, and the program's file name in the work directory.
 */
export interface LanguageRunner {
  readonly programName: string;
  /** Everything after the interpreter: flags, the inline runner, the program file. */
  args(memoryMb: number): string[];
}

/** The runner of each language. */
export const RUNNERS: Record<CodeLanguage, LanguageRunner> = {
  python: {
    programName: 'program.py',
    // -B: no .pyc in the work dir; -u: unbuffered, so output reaches the pipe before a kill.
    args: () => ['-B', '-u', '-c', PYTHON_RUNNER, 'program.py'],
  },
  javascript: {
    programName: 'program.js',
    // RLIMIT_AS breaks V8's address-space reservations, so Node's heap is capped by V8 itself
    // (and its other allocations by RLIMIT_DATA).
    args: (memoryMb) => [`--max-old-space-size=${Math.max(16, memoryMb)}`, '--experimental-vm-modules', '-e', NODE_RUNNER, 'program.js'],
  },
};
