export { VerdictError, describeError, isVerdictError, type VerdictErrorCode } from './verdict-error.ts';
export { CompletionFailure } from './completion-failure.ts';
