/**
 * Stable error codes. A code never changes meaning; tests and callers match on it.
 */
export type VerdictErrorCode =
  | 'USAGE'
  | 'SPEC_INVALID'
  | 'SPEC_NOT_FOUND'
  | 'DATASET_INVALID'
  | 'DATASET_NOT_FOUND'
  | 'TEMPLATE_MISSING_FIELD'
  | 'UNKNOWN_SCORER'
  | 'UNKNOWN_PROVIDER'
  | 'PROVIDER_HTTP'
  | 'PROVIDER_TIMEOUT'
  | 'PROVIDER_CONNECTION'
  | 'PROVIDER_RESPONSE'
  | 'PROVIDER_OUTPUT_TOO_LARGE'
  | 'REPLAY_MISSING_KEY'
  | 'MISSING_SECRET'
  | 'STORE_READ'
  /** A result-set file (manifest.json, summary.json) that does not match its schema or is of a newer version. */
  | 'RESULT_INVALID'
  | 'STORE_WRITE'
  | 'RUN_SEALED'
  | 'RUN_NOT_FOUND'
  | 'RUN_INCOMPLETE'
  | 'RUN_LOCKED'
  | 'RUN_INTERRUPTED'
  | 'RUN_TAMPERED'
  | 'CLOUD';

/** Exit codes from docs/architecture.md: 2 bad usage/spec/input, 3 the run could not complete. */
const EXIT_CODE_BY_ERROR: Partial<Record<VerdictErrorCode, number>> = {
  STORE_READ: 3,
  STORE_WRITE: 3,
  RUN_INCOMPLETE: 3,
  RUN_INTERRUPTED: 3,
  CLOUD: 3,
};

/**
 * The one error type Verdict throws on purpose. The message says where, what was found, what
 * was expected and the fix; `code` is stable; `context` carries the structured details.
 *
 * @example
 * throw new VerdictError('DATASET_INVALID', 'datasets/qa.jsonl:17: not valid JSON (Unexpected token })',
 *   { context: { file: 'datasets/qa.jsonl', line: 17 } });
 */
export class VerdictError extends Error {
  override readonly name = 'VerdictError';
  readonly code: VerdictErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: VerdictErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }

  /** The process exit code this error maps to (2 for bad input, 3 for runs that cannot complete). */
  get exitCode(): number {
    return EXIT_CODE_BY_ERROR[this.code] ?? 2;
  }
}

/** True when `error` is a VerdictError, optionally with the given code. */
export function isVerdictError(error: unknown, code?: VerdictErrorCode): error is VerdictError {
  return error instanceof VerdictError && (code === undefined || error.code === code);
}

/** A short, single-line description of any thrown value, for records and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
