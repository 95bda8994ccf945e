/** The Verdict CDK constructs and stack. Import from here only. */
export { VerdictStack, type VerdictStackProps } from './verdict-stack.ts';
export { LAMBDA_TRANSIENT_ERRORS, RUN_STATES } from './run-state-machine.ts';
export { addVerdictChecks } from './nag.ts';
export { SealSigningKey } from './seal-signing-key.ts';
