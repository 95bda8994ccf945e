import { language } from './index.ts';

/**
 * Gate reasons in the reader's language. summary.json keeps the reason lib/gate wrote (English,
 * the record of the run); the page translates the sentences lib/gate and lib/store produce by
 * their shape. A reason of another shape (a future template, or one written by hand) is shown as
 * written, marked as the original English, rather than half-translated.
 */

/** A reason for display: its text, and whether it is still the English original. */
export interface ShownReason {
  readonly text: string;
  readonly original: boolean;
}

type Rule = readonly [RegExp, (match: RegExpExecArray) => string];

const PASS = (word: string) => (word === 'pass' ? '通过' : '未通过');

/** One rule per template of lib/gate/{evaluate-gates,baseline-gates,latency-baseline-gate}.ts and lib/store/baseline-source.ts. */
const ZH_RULES: readonly Rule[] = [
  [/^(.+) = (\S+) (meets|fails) (\S+) (\S+)$/, (m) => `${m[1]} = ${m[2]}，${m[3] === 'meets' ? '满足' : '不满足'} ${m[4]} ${m[5]}`],
  [
    /^skipped: no earlier (passing )?sealed run of spec "(.+)" in (.+?)( \((\d+) earlier runs? failed (?:its|their) gates and cannot be the baseline\))?; this run can be the baseline of the next$/,
    (m) => `已跳过：${m[3]} 中没有规格 “${m[2]}” 更早的${m[1] ? '已通过且' : ''}已封存运行${m[4] ? `（${m[5]} 个更早的运行未通过门槛，不能作为基线）` : ''}；本次运行可作为下一次的基线`,
  ],
  [
    /^skipped: too few requests to test p(\d+) \((\d+) baseline and (\d+) current requests; each run needs at least (\d+), one above the percentile\)$/,
    (m) => `已跳过：请求太少，无法检验 p${m[1]}（基线 ${m[2]} 个、本次 ${m[3]} 个请求；每次运行至少需要 ${m[4]} 个，即百分位之上至少一个）`,
  ],
  [/^no candidate reports metric "(.+?)"(?: \((.+) answered nothing\))?$/, (m) => `没有候选报告指标 “${m[1]}”${m[2] ? `（${m[2]} 没有任何回答）` : ''}`],
  [/^candidate "(.+)" is not in this run$/, (m) => `候选 “${m[1]}” 不在本次运行中`],
  [/^(\S+) has no value for "(.+)"$/, (m) => `${m[1]} 对 “${m[2]}” 没有数值`],
  [/^(\S+) has no 95% interval for (\S+) for "(.+)"$/, (m) => `${m[1]} 对 “${m[3]}” 没有 ${m[2]} 所需的 95% 区间`],
  [
    /^fails only when the (\S+) drop is larger than (\S+) and significant at α = (\S+) \(one-sided paired test, n = (\d+) matched samples\); (?:no drop \((\S+)\)|drop (\S+)), (?:p n\/a|p = (\S+)) → (pass|FAIL)$/,
    (m) =>
      `仅当 ${m[1]} 的下降大于 ${m[2]} 且在 α = ${m[3]} 下显著时未通过（单侧配对检验，n = ${m[4]} 个配对样本）；` +
      `${m[6] !== undefined ? `下降 ${m[6]}` : `没有下降（${m[5]}）`}，${m[7] !== undefined ? `p = ${m[7]}` : 'p 不可用'} → ${PASS(m[8]!)}`,
  ],
  [
    /^fails only when the corpus (\S+) drop is larger than (\S+) and significant at α = (\S+) \(one-sided paired bootstrap of the sufficient statistics, (\d+) resamples, n = (\d+) matched samples\); (?:no drop \((\S+)\)|drop (\S+)), p = (\S+) → (pass|FAIL)$/,
    (m) =>
      `仅当语料级 ${m[1]} 的下降大于 ${m[2]} 且在 α = ${m[3]} 下显著时未通过（充分统计量的单侧配对自助法，${m[4]} 次重抽样，n = ${m[5]} 个配对样本）；` +
      `${m[7] !== undefined ? `下降 ${m[7]}` : `没有下降（${m[6]}）`}，p = ${m[8]} → ${PASS(m[9]!)}`,
  ],
  [
    /^fails only when (\S+) rose by more than (\S+) ms and significantly at α = (\S+) \(one-sided two-sample bootstrap of the p(\d+) difference, exact; (\d+) baseline and (\d+) current requests\); (?:no rise \((\S+) ms\)|rise (\S+) ms \[(\S+), (\S+)\]), (p < 1e-12|p = \S+) → (pass|FAIL)$/,
    (m) =>
      `仅当 ${m[1]} 上升超过 ${m[2]} ms 且在 α = ${m[3]} 下显著时未通过（p${m[4]} 差值的单侧双样本自助法，精确计算；基线 ${m[5]} 个、本次 ${m[6]} 个请求）；` +
      `${m[8] !== undefined ? `上升 ${m[8]} ms [${m[9]}, ${m[10]}]` : `没有上升（${m[7]} ms）`}，${m[11]} → ${PASS(m[12]!)}`,
  ],
  [/^(?:baseline run "(.+)" has no per-sample "(.+)" for candidate "(.+)")$/, (m) => `基线运行 “${m[1]}” 没有候选 “${m[3]}” 的逐样本 “${m[2]}”`],
  [/^candidate "(.+)" has no per-sample "(.+)" in this run$/, (m) => `本次运行中候选 “${m[1]}” 没有逐样本 “${m[2]}”`],
  [/^no sample ids in common with baseline run "(.+)"; compare runs of the same dataset$/, (m) => `与基线运行 “${m[1]}” 没有共同的样本 id；请比较同一数据集的运行`],
];

/** The reason in the current UI language. */
export function gateReason(reason: string): ShownReason {
  if (language() === 'en') return { text: reason, original: false };
  for (const [pattern, render] of ZH_RULES) {
    const match = pattern.exec(reason);
    if (match) return { text: render(match), original: false };
  }
  return { text: reason, original: true };
}
