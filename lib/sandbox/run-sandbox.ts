import { type Sample, CODE_TASK_FIELD, type CodeLanguage, type CodeTask } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { SANDBOXED_SCORER_TYPES, type Sandbox } from '../scorers/index.ts';
import type { EvalSpec } from '../spec/index.ts';
import { createLocalSandbox } from './local-sandbox.ts';

/** True when a scorer of the spec runs model output. */
export function runsModelCode(spec: Pick<EvalSpec, 'scorers'>): boolean {
  return spec.scorers.some((scorer) => SANDBOXED_SCORER_TYPES.includes(scorer.type));
}

/**
 * Refuses a spec whose scorers run model output unless the run opted in
 * (`execution.allowCodeExecution: true` or `--allow-code-execution`). Called before any model
 * call; the refusal exits 2 and says why.
 */
export function assertCodeExecutionAllowed(spec: Pick<EvalSpec, 'scorers' | 'execution'>, where: string, flag = false): void {
  if (!runsModelCode(spec) || flag || spec.execution.allowCodeExecution === true) return;
  const scorers = spec.scorers.filter((scorer) => SANDBOXED_SCORER_TYPES.includes(scorer.type)).map((scorer) => scorer.id ?? scorer.type);
  throw new VerdictError(
    'USAGE',
    `${where}: scorer ${scorers.join(', ')} runs code written by the candidates; it runs only in a sandbox and only when you ` +
      'opt in: set execution.allowCodeExecution: true in the spec or pass --allow-code-execution',
    { context: { scorers } },
  );
}

/** The languages the dataset's code tasks need, with the scorers' default for tasks that name none. */
export function languagesOf(samples: Iterable<Sample>, spec: Pick<EvalSpec, 'scorers'>): CodeLanguage[] {
  const fallback = (spec.scorers.find((scorer) => scorer.type === 'code') as { language?: CodeLanguage } | undefined)?.language ?? 'python';
  const languages = new Set<CodeLanguage>();
  for (const sample of samples) languages.add((sample.data[CODE_TASK_FIELD] as CodeTask | undefined)?.language ?? fallback);
  return [...languages].sort();
}

/**
 * The sandbox a run's scorers use, or undefined when none runs code. `local` probes this machine
 * once (see {@link createLocalSandbox}); the isolation it reached goes into the manifest.
 */
export async function createRunSandbox(
  spec: Pick<EvalSpec, 'scorers' | 'execution'>,
  samples: Iterable<Sample>,
  options: { concurrency?: number } = {},
): Promise<Sandbox | undefined> {
  if (!runsModelCode(spec)) return undefined;
  const kind = spec.execution.sandbox ?? 'local';
  if (kind === 'lambda') {
    throw new VerdictError('USAGE', 'execution.sandbox: lambda runs only in cloud runs (verdict run --cloud); use sandbox: local here');
  }
  return createLocalSandbox({ languages: languagesOf(samples, spec), ...(options.concurrency !== undefined && { maxConcurrent: options.concurrency }) });
}

/**
 * The sandbox of a cloud run: model code runs only in the stack's sandbox functions (never inside
 * a worker, next to the model keys), and only when the spec opted in.
 */
export function cloudRunSandbox(spec: Pick<EvalSpec, 'scorers' | 'execution'>, sandbox: Sandbox | undefined): Sandbox | undefined {
  if (!runsModelCode(spec)) return undefined;
  assertCodeExecutionAllowed(spec, 'the run\'s spec');
  if (spec.execution.sandbox !== 'lambda') {
    throw new VerdictError('USAGE', 'execution.sandbox: cloud runs execute model code only in the stack\'s sandbox functions; set sandbox: lambda');
  }
  if (!sandbox) {
    throw new VerdictError('USAGE', 'execution.sandbox: lambda needs the stack\'s code sandbox; deploy with `npx cdk deploy -c codeSandbox=true`');
  }
  return sandbox;
}

/** One line for the terminal when the sandbox could not isolate everything it tries to. */
export function describeMissingIsolation(sandbox: Sandbox | undefined): string | undefined {
  if (!sandbox || sandbox.isolation.missing.length === 0) return undefined;
  return `warning: the ${sandbox.isolation.kind} sandbox could not provide: ${sandbox.isolation.missing.join('; ')}`;
}
