import { VerdictError, type VerdictErrorCode } from './verdict-error.ts';

/**
 * A provider gave up on one work item after its retries. The engine records it on the item
 * (`record.error`) and the run goes on. Messages never contain API keys.
 */
export class CompletionFailure extends VerdictError {
  readonly attempts: number;
  readonly status: number | undefined;

  constructor(
    code: VerdictErrorCode,
    message: string,
    options: { attempts: number; status?: number; cause?: unknown; context?: Record<string, unknown> },
  ) {
    super(code, message, options);
    this.attempts = options.attempts;
    this.status = options.status;
  }
}
