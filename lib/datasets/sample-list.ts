import type { Sample } from './sample.ts';

/**
 * A dataset's samples by position: an array, or rows read back from their files when asked for
 * (`DatasetRows`). The members are an array's, so a `Sample[]` is one.
 */
export interface SampleList extends Iterable<Sample> {
  readonly length: number;
  /** The sample at a 0-based position (undefined past the end). */
  at(index: number): Sample | undefined;
}
