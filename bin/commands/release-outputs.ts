import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VerdictError } from '../../lib/errors/index.ts';
import { formatJUnit, formatMarkdownSummary, type BaselineInput } from '../../lib/gate/index.ts';
import type { Summary } from '../../lib/results/index.ts';

/** `--junit FILE` and `--markdown FILE`, shared by `verdict run` and `verdict gate`. */
export interface ReleaseOutputOptions {
  junit?: string;
  markdown?: string;
}

/**
 * Writes the JUnit XML and Markdown summaries. The Markdown is appended when the file is
 * `$GITHUB_STEP_SUMMARY` (GitHub collects every step's additions there), else written whole.
 */
export async function writeReleaseOutputs(summary: Summary, options: ReleaseOutputOptions): Promise<void> {
  if (options.junit) await writeOutput(options.junit, formatJUnit(summary), false);
  if (options.markdown) {
    const stepSummary = process.env.GITHUB_STEP_SUMMARY;
    const append = stepSummary !== undefined && resolve(stepSummary) === resolve(options.markdown);
    await writeOutput(options.markdown, formatMarkdownSummary(summary), append);
  }
}

async function writeOutput(path: string, text: string, append: boolean): Promise<void> {
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await (append ? appendFile(path, text) : writeFile(path, text));
  } catch (error) {
    throw new VerdictError('STORE_WRITE', `${path}: cannot write (${(error as Error).message})`, { cause: error });
  }
}

/** One line saying which run baseline gates compare against, or why none: printed before the run. */
export function describeBaseline(baseline: BaselineInput | undefined): string | undefined {
  if (baseline === undefined) return undefined;
  if ('skip' in baseline) return `baseline: none (${baseline.skip})`;
  if ('missing' in baseline) return `baseline: none (${baseline.missing})`;
  const how = baseline.chosenBy === 'latest-sealed' ? ', the newest earlier sealed run' : baseline.chosenBy ? ', the newest earlier run that passed its gates' : '';
  return `baseline: ${baseline.runId}${how} (${baseline.location})`;
}
