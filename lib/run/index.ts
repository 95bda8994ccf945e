/**
 * Preparing a run before any item runs — its typed description, candidates, manifest and
 * provenance — and verifying a finished one. Both executors start from `prepareRun`.
 */
export { createCandidates, prepareRun, type PreparedRun } from './prepare-run.ts';
export { GIT_NO_COMMITS, gitProvenance, harnessVersions, specRelativePaths } from './provenance.ts';
export { isJudgeControl, judgeKeyOf, judgeRefsOf, pairwiseBaselineCandidates, type JudgeScorerRefs } from './judge-description.ts';
export { verifyRun, type RunVerification } from './verify-run.ts';
export { runManifest } from './run-manifest.ts';
