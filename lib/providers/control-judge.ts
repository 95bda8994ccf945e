import type { Provider } from '../ports/index.ts';
import { CompletionFailure } from '../errors/index.ts';
import type { JudgeControlKind } from '../spec/index.ts';
import type { ProviderContext } from './types.ts';


/**
 * Creates a judge control. The judge scorer puts the canonical replies in the request: `options`
 * in position order (first answer, second, tie; or best grade, worst) and `expected` the reply
 * that favours the candidate, so a control needs no parsing rules of its own.
 */
export function createJudgeControl(kind: JudgeControlKind, context: Pick<ProviderContext, 'id' | 'clock'>): Provider {
  return {
    id: context.id,
    async complete(request) {
      const text = kind === 'prefers-first' ? request.options?.[0] : request.expected;
      if (text === undefined) {
        throw new CompletionFailure('PROVIDER_RESPONSE', `judge "${context.id}" (control ${kind}): the request carries no canonical verdict; controls judge only for judge scorers`, {
          attempts: 1,
          context: { judge: context.id, kind },
        });
      }
      return { text: `Control judge (${kind}).\n${text}`, latencyMs: 0, ttftMs: null, usage: null, attempts: 1 };
    },
  };
}
