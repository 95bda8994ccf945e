/** The Verdict CDK constructs and stack. Import from here only. */
export { bedrockInvokeStatement, bedrockModelArns } from './bedrock-access.ts';
export { CodeSandbox, type CodeSandboxProps } from './code-sandbox.ts';
export { ReportSite, type ReportSiteProps } from './report-site.ts';
export { ResultsBucket, type ResultsBucketProps } from './results-bucket.ts';
export { acknowledgeRunAccess, runAccessStatements, type RunAccess, type RunPart } from './run-access.ts';
export { PROJECT_ROOT, VerdictFunction, type VerdictFunctionProps } from './verdict-function.ts';
export { VerdictStack, type VerdictStackProps } from './verdict-stack.ts';
export { LAMBDA_TRANSIENT_ERRORS, RUN_STATES, RunStateMachine, type RunStateMachineProps } from './run-state-machine.ts';
export { addVerdictChecks } from './nag.ts';
export { SEAL_KMS_KEY_ENV, SealSigningKey, type SealSigningKeyProps } from './seal-signing-key.ts';
