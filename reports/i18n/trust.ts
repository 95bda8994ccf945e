import { language } from './index.ts';

/**
 * UI text of the calibration, robustness and reasoning parts of the report (issue 16), kept in a
 * dictionary of its own beside en.ts and zh.ts; the zh type enforces the same keys.
 */
const en = {
  'calibration.heading': 'Calibration',
  'calibration.intro': 'Does the model know when it does not know? Each point is a bin of answers: its mean stated confidence against how often those answers were right. On the diagonal, confidence matches accuracy; below it, the model is over-confident.',
  'calibration.reliability': 'Reliability diagram (equal-width bins)',
  'calibration.coverage': 'Coverage–accuracy curve (answer only the most confident)',
  'calibration.confidence': 'Confidence',
  'calibration.accuracy': 'Accuracy',
  'calibration.coverageAxis': 'Coverage',
  'calibration.perfect': 'Perfect calibration',
  'calibration.point': '{label}: confidence {confidence}, accuracy {accuracy}, n = {n}',
  'sample.reasoning': 'Reasoning (kept apart, not scored)',
  'sample.reasoningTokens': '{source} · {tokens} tokens',
  'sample.reasoningNoCount': '{source} · tokens not counted',
  'sample.confidence': 'Confidence',
  'sample.confidenceValue': '{value} ({source}, {method})',
  'sample.variantOf': 'Perturbed variant “{name}” of',
  'sample.unchanged': 'the perturbation left the prompt unchanged',
  'sample.variants': 'Perturbed variants of this sample',
  'sample.original': 'original',
};

type TrustKey = keyof typeof en;

const zh: Record<TrustKey, string> = {
  'calibration.heading': '校准',
  'calibration.intro': '模型是否知道自己不知道？每个点是一组答案：其平均自述置信度与实际正确率的对比。落在对角线上表示置信度与准确率一致；在对角线下方表示过度自信。',
  'calibration.reliability': '可靠性图（等宽分箱）',
  'calibration.coverage': '覆盖率–准确率曲线（只回答最有把握的部分）',
  'calibration.confidence': '置信度',
  'calibration.accuracy': '准确率',
  'calibration.coverageAxis': '覆盖率',
  'calibration.perfect': '完美校准',
  'calibration.point': '{label}：置信度 {confidence}，准确率 {accuracy}，n = {n}',
  'sample.reasoning': '推理过程（单独保存，不参与评分）',
  'sample.reasoningTokens': '{source} · {tokens} 个 token',
  'sample.reasoningNoCount': '{source} · 未统计 token',
  'sample.confidence': '置信度',
  'sample.confidenceValue': '{value}（{source}，{method}）',
  'sample.variantOf': '扰动变体“{name}”，原题为',
  'sample.unchanged': '该扰动未改变提示',
  'sample.variants': '此样本的扰动变体',
  'sample.original': '原题',
};

/** The text of `key` in the page's language, with `{name}` placeholders filled. */
export function tt(key: TrustKey, vars: Record<string, string | number> = {}): string {
  const text = (language() === 'zh-CN' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
