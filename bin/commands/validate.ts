import { loadDataset } from '../../lib/datasets/index.ts';
import { prepareRun } from '../../lib/executors/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';

/**
 * `verdict validate <spec>`: checks the spec, reads the whole dataset and renders every prompt,
 * without calling a model. Exit 0 when all is well; errors exit 2 naming the spot.
 */
export async function validateCommand(specPath: string): Promise<number> {
  const loaded = await loadEvalSpec(specPath);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset);
  process.stdout.write(
    `${specPath}: valid — ${dataset.samples.length} samples, ${prepared.candidates.length} candidates, ` +
      `${prepared.scorers.length} scorers, ${prepared.plan.items} work items in ${prepared.plan.shards.length} shards\n`,
  );
  return 0;
}
