import type { Sample } from '../../datasets/index.ts';
import type { Provider } from '../../ports/index.ts';
import { describeError } from '../../errors/index.ts';
import type { ChatMessage, Usage } from '../../results/index.ts';
import type { JudgeCompletionMeta } from './judge-port.ts';
import type { JudgePrompt } from './judge-prompts.ts';

/**
 * One judge call as a record keeps it: the prompt and its template version, the raw reply, what
 * was parsed from it (grade or verdict, rationale, or why nothing could be), attempts, latency,
 * usage and cost; or the error that remained after the judge's retries.
 */
export interface JudgeCallRecord {
  readonly judge: string;
  /** pairwise: `ab` = the candidate's answer shown first, `ba` = the baseline's first. */
  readonly order?: 'ab' | 'ba';
  /** Which of `samples` repeated asks this is (0-based). */
  readonly sample: number;
  readonly promptVersion: string;
  readonly prompt: readonly ChatMessage[];
  readonly output: string | null;
  /** rubric: the raw grade on the scale; pairwise: the position chosen. */
  readonly grade?: number;
  readonly verdict?: 'A' | 'B' | 'tie';
  readonly rationale?: string;
  /** Why the reply gave no grade (the call is unscored, never a fail). */
  readonly problem?: string;
  readonly error?: { readonly code: string; readonly message: string };
  readonly attempts: number;
  readonly latencyMs: number | null;
  readonly usage: Usage | null;
  readonly costUsd?: number;
  /** Candidates this judge is the same model as (a judge grading itself prefers itself). */
  readonly alsoCandidate?: readonly string[];
  /** This judge is the very candidate it graded (self-preference). */
  readonly selfJudged?: true;
}

/** What one call needs. `keyData` joins replay judges (e.g. `order`, `candidate`). */
export interface JudgeCallRequest {
  readonly provider: Provider;
  readonly judgeId: string;
  readonly sample: Sample;
  readonly prompt: JudgePrompt;
  readonly sampleIndex: number;
  readonly order?: 'ab' | 'ba';
  readonly keyData: Readonly<Record<string, unknown>>;
  /** The reply a control judge gives to favour the candidate / to pick the first position. */
  readonly expected: string;
  readonly options: readonly string[];
  readonly seed: number;
  readonly signal?: AbortSignal;
}

/**
 * Asks the judge once. Never throws for a judge failure: the error (after the provider's own
 * retries) is kept on the call so the item stays unscored and the run goes on.
 */
export async function callJudge(request: JudgeCallRequest): Promise<{ call: Omit<JudgeCallRecord, 'grade' | 'verdict' | 'rationale' | 'problem'>; text: string | null }> {
  const base = {
    judge: request.judgeId,
    ...(request.order !== undefined && { order: request.order }),
    sample: request.sampleIndex,
    promptVersion: request.prompt.version,
    prompt: request.prompt.messages,
  };
  try {
    const completion = await request.provider.complete({
      sample: { ...request.sample, data: { ...request.sample.data, ...request.keyData } },
      messages: request.prompt.messages,
      expected: request.expected,
      options: request.options,
      repeat: request.sampleIndex,
      seed: request.seed,
      ...(request.signal && { signal: request.signal }),
    });
    const meta = (completion.meta ?? {}) as JudgeCompletionMeta;
    return {
      text: completion.text,
      call: {
        ...base,
        output: completion.text,
        attempts: completion.attempts,
        latencyMs: Math.round(completion.latencyMs * 1000) / 1000,
        usage: completion.usage,
        ...(meta.costUsd !== undefined && { costUsd: meta.costUsd }),
        ...(meta.alsoCandidate && meta.alsoCandidate.length > 0 && { alsoCandidate: meta.alsoCandidate }),
        ...(meta.alsoCandidate?.includes(String(request.keyData.candidate)) && { selfJudged: true }),
      },
    };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const attempts = (error as { attempts?: unknown }).attempts;
    return {
      text: null,
      call: {
        ...base,
        output: null,
        error: { code: typeof code === 'string' ? code : 'JUDGE_FAILED', message: withoutUrlCredentials(describeError(error)) },
        attempts: typeof attempts === 'number' ? attempts : 1,
        latencyMs: null,
        usage: null,
      },
    };
  }
}

/** Error texts may repeat a URL with `user:password@`; records never keep credentials. */
function withoutUrlCredentials(message: string): string {
  return message.replace(/(\/\/)[^/\s@]+@/g, '$1[redacted]@');
}
