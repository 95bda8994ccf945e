import { appendFile, cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerdictError } from '../../lib/errors/index.ts';
import { GIT_NO_COMMITS, gitProvenance } from '../../lib/run/index.ts';

/** The starter templates `verdict init --template` knows (folders under templates/init/). */
export const INIT_TEMPLATES = ['qa', 'bias', 'latency', 'translation'] as const;

// Two levels up from bin/commands/ (sources) and from dist/bin/ (the bundle): the package root.
const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/init/', import.meta.url));

/** Options of `verdict init`, as commander parses them. */
export interface InitCommandOptions {
  template: string;
  force?: boolean;
}

/**
 * `verdict init [dir] --template qa|bias|latency|translation`: writes `verdict.yaml`, a tiny
 * dataset under `data/` and a README snippet (`VERDICT.md`) that run offline at once. Refuses to
 * overwrite a file unless `--force`. stdout lists the files written.
 */
export async function initCommand(dir: string, options: InitCommandOptions): Promise<number> {
  if (!(INIT_TEMPLATES as readonly string[]).includes(options.template)) {
    throw new VerdictError('USAGE', `--template "${options.template}": unknown template; known: ${INIT_TEMPLATES.join(', ')}`);
  }
  const source = join(TEMPLATES_DIR, options.template);
  const target = resolve(dir);
  const files = await listFiles(source);
  const clashes = options.force ? [] : (await Promise.all(files.map(async (file) => ((await exists(join(target, file))) ? file : null)))).filter((file) => file !== null);
  if (clashes.length > 0) {
    throw new VerdictError('USAGE', `${dir}: ${clashes.join(', ')} already exist; pass --force to overwrite, or init into another folder`);
  }
  await mkdir(target, { recursive: true });
  await cp(source, target, { recursive: true, force: true });
  // `verdict run` writes to ./results by default: ignore it where the command runs.
  const ignored = await ignoreResults(process.cwd());
  const near = relative(process.cwd(), target);
  const shown = near === '' ? '.' : near.startsWith('..') ? target : near;
  process.stderr.write(
    `verdict: wrote the ${options.template} starter into ${shown}/\n\nnext:\n` +
      `  npx verdict validate ${join(shown, 'verdict.yaml')}\n  npx verdict run ${join(shown, 'verdict.yaml')}\n` +
      `  (${join(shown, 'VERDICT.md')} is a README section to paste into yours)\n`,
  );
  // Runs record the project's commit as provenance: say now why there will be none.
  const git = gitProvenance(target);
  if (git.reason === GIT_NO_COMMITS) process.stderr.write(`\nnote: this git repository has no commits yet, so runs record no commit (manifest git.reason); commit to record one\n`);
  process.stdout.write(`${[...files.map((file) => join(shown, file)), ...ignored].join('\n')}\n`);
  return 0;
}

/**
 * Adds `results/` to the .gitignore of `folder` (creating it), so result sets never make the
 * project's git state dirty: the manifest records that state as provenance.
 */
async function ignoreResults(folder: string): Promise<string[]> {
  const file = join(folder, '.gitignore');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing === null) {
    await writeFile(file, 'results/\n');
    return [relative(process.cwd(), file)];
  }
  if (existing.split(/\r?\n/).some((line) => /^\/?results\/?$/.test(line.trim()))) return [];
  await appendFile(file, `${existing.endsWith('\n') || existing === '' ? '' : '\n'}results/\n`);
  return [relative(process.cwd(), file)];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, path)));
    else out.push(path);
  }
  return out.sort();
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
