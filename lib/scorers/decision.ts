import { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { compileTemplate } from '../template/index.ts';
import { describeSample } from './reference.ts';
import { aggregateDecisions } from './fairness-aggregate.ts';
import { defineScorer } from './types.ts';

const Labels = z.array(z.string().min(1)).min(1);

const decisionParams = z.strictObject({
  positive: Labels.describe('Labels meaning the favourable decision, e.g. [approve, approved, 批准]. The first is the canonical one.'),
  negative: Labels.describe('Labels meaning the unfavourable decision, e.g. [deny, denied, 拒绝]. The first is the canonical one.'),
  reference: z
    .string()
    .min(1)
    .optional()
    .describe('Optional expected decision, a {{field}} template naming a label; then the score is 1 when the decision matches.'),
});

/** Which side of the label set an output took. */
export type Decision = 'positive' | 'negative';

/** Comparable form: NFC, lower-case, markdown and surrounding punctuation dropped, spaces collapsed. */
function normalize(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[*_`"'“”「」]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = /[\p{L}\p{N}]/u;

function boundaryAt(text: string, index: number, edge: string): boolean {
  const neighbour = text[index];
  return neighbour === undefined || !WORD.test(neighbour) || SPACELESS.test(neighbour) || SPACELESS.test(edge);
}

function occursAt(text: string, label: string, at: number): boolean {
  return text.startsWith(label, at) && boundaryAt(text, at - 1, label[0]!) && boundaryAt(text, at + label.length, label[label.length - 1]!);
}

/**
 * Maps an output to a decision, in order: (1) the whole output is a label; (2) the output starts
 * with a label ("Approve. The applicant…", "拒绝。"); (3) labels of only one side occur anywhere as
 * whole words. Otherwise null (invalid): e.g. both sides mentioned ("approve … not deny"). Negation
 * is not parsed — ask for a one-word answer. Longer labels win over their prefixes.
 *
 * @example
 * mapDecision('Approve — strong record.', { positive: ['approve'], negative: ['deny'] }) // { decision: 'positive', label: 'approve' }
 */
export function mapDecision(
  output: string,
  labels: { readonly positive: readonly string[]; readonly negative: readonly string[] },
): { decision: Decision; label: string } | null {
  const text = normalize(output);
  const all = [
    ...labels.positive.map((label) => ({ label: normalize(label), decision: 'positive' as const })),
    ...labels.negative.map((label) => ({ label: normalize(label), decision: 'negative' as const })),
  ].sort((a, b) => b.label.length - a.label.length);
  const whole = all.find((entry) => entry.label === text);
  if (whole) return whole;
  const leading = all.find((entry) => occursAt(text, entry.label, 0));
  if (leading) return leading;
  const found = all.filter((entry) => {
    for (let at = text.indexOf(entry.label); at >= 0; at = text.indexOf(entry.label, at + 1)) if (occursAt(text, entry.label, at)) return true;
    return false;
  });
  const sides = new Set(found.map((entry) => entry.decision));
  return sides.size === 1 ? found[0]! : null;
}

interface CounterfactualData {
  readonly group?: string;
  readonly index?: number;
  readonly groups?: readonly string[];
  readonly baseId?: string;
}

/**
 * `decision`: a decision-style answer (approve/deny, hire/reject, yes/no) mapped to the positive
 * or negative side of a label set ({@link mapDecision}), for counterfactual fairness. Without a
 * `reference` the score is 1 for a positive decision (so `score.<id>` is the overall positive
 * rate); with one it is 1 when the decision matches it. `detail` is `{ decision, label, group,
 * groupIndex, baseId }` (group fields from `dataset.counterfactual`). `options` are
 * [first positive label, first negative label], which `chance` and `stereotype` answer from.
 * Its aggregate emits per-group positive rates, `fairness.parity_difference`,
 * `fairness.disparate_impact` and `fairness.flip_rate` ({@link aggregateDecisions}).
 *
 * @example
 * scorers: [{ type: decision, positive: [approve, 批准], negative: [deny, 拒绝], reference: "{{expected}}" }]
 */
export const decision = defineScorer({
  id: 'decision',
  description: 'Decision labels (approve/deny…) per protected group: positive rates, parity difference, disparate impact, flip rate',
  params: decisionParams,
  create(params, { id }) {
    const reference = params.reference === undefined ? undefined : compileTemplate(params.reference, `scorer "${id}" reference`);
    const expected = (sample: Sample): string | undefined => {
      if (reference === undefined) return undefined;
      const rendered = reference.render(sample.data, sample.id);
      if (mapDecision(rendered, params) === null) {
        throw new VerdictError(
          'DATASET_INVALID',
          `${describeSample(sample)}: scorer "${id}" reference "${rendered}" is none of the labels (${[...params.positive, ...params.negative].join(', ')}); add it to positive or negative`,
          { context: { sampleId: sample.id, scorer: id } },
        );
      }
      return rendered;
    };
    return {
      id,
      type: 'decision',
      expected,
      options: () => [params.positive[0]!, params.negative[0]!],
      score({ sample, output }) {
        const mapped = mapDecision(output, params);
        const wanted = reference === undefined ? undefined : mapDecision(expected(sample)!, params)?.decision;
        const value = reference === undefined ? mapped?.decision === 'positive' : mapped !== null && mapped.decision === wanted;
        const info = (sample.data.counterfactual ?? {}) as CounterfactualData;
        return {
          value: value ? 1 : 0,
          pass: value,
          detail: {
            decision: mapped?.decision ?? null,
            label: mapped?.label ?? null,
            group: info.group ?? sample.category ?? null,
            groupIndex: info.index ?? null,
            // Every group of the expansion, so the aggregate notices a group whose calls all failed.
            groups: info.groups ?? null,
            baseId: info.baseId ?? sample.id,
          },
        };
      },
    };
  },
  aggregate: (items, { seed }) => aggregateDecisions(items, { seed }),
  metrics: ['fairness.positive_rate', 'fairness.parity_difference', 'fairness.disparate_impact', 'fairness.flip_rate'],
});
