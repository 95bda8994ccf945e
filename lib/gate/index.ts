export { evaluateGates } from './evaluate-gates.ts';
export { evaluateBaselineGate, type BaselineInput } from './baseline-gates.ts';
export { describeGate, formatPointDifference, formatValue, gateStatus } from './describe-gate.ts';
export { formatP } from './format-p.ts';
export { formatPercent } from './format-percent.ts';
export { escapeXml, formatJUnit } from './junit.ts';
export { formatMarkdownSummary } from './markdown.ts';
export { evaluateRunGates } from './run-gates.ts';
export type { CorpusOutcomes, RequestTimeKind, SampleOutcomeView } from './sample-outcome-view.ts';
