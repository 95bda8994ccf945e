export { type ScoreInput, type ScoredRecord, type Scorer, type ScorerDefinition, type ScorerPorts, type CorpusStatistic } from './types.ts';
export { getScorerDefinition, isScorerType, scorerRegistry } from './registry.ts';
export { optionLetter } from './choice-mapping.ts';
export { type JudgeRef } from './judge/judge-params.ts';
export type { JudgePort } from './judge/judge-port.ts';
export { SANDBOXED_SCORER_TYPES } from './code.ts';
export { type FailureClass, type Sandbox, type SandboxIsolation, type SandboxRequest, type SandboxResult } from './sandbox.ts';
export { corpusStatsOf } from './corpus-aggregate.ts';
export { scoreSync } from './score-sync.ts';
