import type { ResultRecord, Score } from '../../../../lib/results/index.ts';
import { scoreSync } from '../../../../lib/scorers/score-sync.ts';
import type { Scorer } from '../../../../lib/scorers/types.ts';
import { makeSample } from '../helpers.ts';

/**
 * sacreBLEU's reference streams (`refs[k][i]` = reference k of segment i) turned into rows with a
 * `refs` list, scored by `scorer`: the records a run would hold.
 */
export function scoreCorpus(scorer: Scorer, hyps: readonly string[], refStreams: readonly (readonly string[])[], categories?: readonly string[]): { record: ResultRecord; score: Score }[] {
  return hyps.map((hyp, i) => {
    const sample = makeSample({ refs: refStreams.map((stream) => stream[i]!) }, `s${i}`);
    const score = scoreSync(scorer, { sample, output: hyp });
    return { record: fakeRecord(`s${i}`, categories?.[i]), score };
  });
}

/** The fields of a record an aggregate reads. */
export function fakeRecord(sampleId: string, category?: string): ResultRecord {
  return { sampleId, candidate: 'c', repeat: 0, ...(category !== undefined && { category }) } as unknown as ResultRecord;
}
