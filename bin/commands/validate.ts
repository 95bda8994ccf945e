import { loadDataset } from '../../lib/datasets/index.ts';
import { prepareRun } from '../../lib/run/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { plural } from '../output/failure-digest.ts';

/**
 * `verdict validate <spec>`: checks the spec, reads the whole dataset and renders every prompt,
 * without calling a model. Exit 0 when all is well; errors exit 2 naming the spot.
 */
export async function validateCommand(specPath: string, options: { candidates?: string } = {}): Promise<number> {
  const loaded = await loadEvalSpec(specPath, process.env, { candidatesFile: options.candidates });
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset);
  process.stdout.write(
    `${specPath}: valid — ${plural(dataset.samples.length, 'sample')}, ${plural(prepared.candidates.length, 'candidate')}, ` +
      `${plural(prepared.scorers.length, 'scorer')}, ${plural(prepared.plan.items, 'work item')} in ${plural(prepared.plan.shards.length, 'shard')}\n`,
  );
  return 0;
}
