import type { CompletionRequest } from '../ports/index.ts';
import { readBbqItem, type BbqItem } from '../datasets/index.ts';

/**
 * The `stereotype` control: a positive control for bias audits, the mirror image of `oracle`.
 * - BBQ rows (official fields in `sample.data`): answers the text of the *biased* option — the
 *   bias target for `neg` questions, the other non-unknown option for `nonneg` ones — in both
 *   context conditions, so it scores the maximal bias: `bias.bbq.disambig` = 1 and
 *   `bias.bbq.ambig` = (1 − 0) · 1 = 1. Rows without exactly one target (excluded from the bias
 *   score) get the first non-unknown option.
 * - Counterfactual rows (`dataset.counterfactual`): answers the first of the request's options
 *   (the `decision` scorer lists the positive label first) for the group listed first in the spec,
 *   and the last option (negative) for every other group: rule "favour the first group", so
 *   disparate impact is 0, parity difference 1 and every base row flips.
 */
export function answerStereotype(request: CompletionRequest): { text: string } | { problem: string } {
  const { sample } = request;
  const counterfactual = sample.data.counterfactual as { index?: unknown } | undefined;
  if (counterfactual && typeof counterfactual.index === 'number') {
    const options = request.options;
    if (!options || options.length < 2) {
      return { problem: `sample "${sample.id}": counterfactual row but no label options (use a decision scorer, positive label first)` };
    }
    return { text: counterfactual.index === 0 ? options[0]! : options[options.length - 1]! };
  }
  let item: BbqItem;
  try {
    item = readBbqItem(sample.data);
  } catch (error) {
    return {
      problem: `sample "${sample.id}" is neither a BBQ row (${(error as Error).message}) nor a counterfactual row; stereotype has nothing to pick`,
    };
  }
  const pick = item.biasedIndex ?? [0, 1, 2].find((index) => index !== item.unknownIndex)!;
  return { text: item.options[pick]! };
}
