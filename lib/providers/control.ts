import type { Completion, CompletionRequest, Provider } from '../ports/index.ts';
import { CompletionFailure } from '../errors/index.ts';
import { answerStereotype } from './control-stereotype.ts';
import { answerCalibrated, answerOverconfident } from './control-confidence.ts';
import { answerBrittle } from './control-brittle.ts';
import { controlDefinition, type ControlKind } from '../spec/index.ts';
import { defineProvider } from './types.ts';

/**
 * How a control candidate answers one request. Returns the text, or a reason it cannot answer
 * (which becomes a `CompletionFailure` on that item).
 */
type ControlAnswerer = (request: CompletionRequest) => { text: string } | { problem: string };

/** One answerer per kind (CONTROL_KINDS in lib/spec): a kind without one is a compile error. */
const CONTROL_ANSWERERS = {
  oracle: answerOracle,
  echo: answerEcho,
  chance: answerChance,
  stereotype: answerStereotype,
  overconfident: answerOverconfident,
  calibrated: answerCalibrated,
  brittle: answerBrittle,
} satisfies Record<ControlKind, ControlAnswerer>;


/**
 * Built-in reference candidates that need no model, network or key. Never presented as models.
 *
 * @example
 * { id: oracle, provider: control, kind: oracle }
 */
export const controlProvider = defineProvider(controlDefinition, {
  async create(params, context) {
    const answer: ControlAnswerer = CONTROL_ANSWERERS[params.kind];
    const { clock } = context;
    return {
      id: context.id,
      async complete(request) {
        const startMs = clock.now();
        const answered = answer(request);
        if ('problem' in answered) {
          throw new CompletionFailure('PROVIDER_RESPONSE', `candidate "${context.id}" (control ${params.kind}): ${answered.problem}`, {
            attempts: 1,
            context: { candidate: context.id, kind: params.kind, sampleId: request.sample.id },
          });
        }
        const completion: Completion = { text: answered.text, latencyMs: clock.now() - startMs, ttftMs: null, usage: null, attempts: 1 };
        return completion;
      },
    } satisfies Provider;
  },
});

function answerOracle(request: CompletionRequest): { text: string } | { problem: string } {
  if (request.expected !== undefined) return { text: request.expected };
  return {
    problem:
      `sample "${request.sample.id}" has no expected answer: the primary scorer has no reference ` +
      `(give it one, e.g. reference: "{{answer}}", or drop the oracle candidate)`,
  };
}

function answerEcho(request: CompletionRequest): { text: string } | { problem: string } {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index]!;
    if (message.role === 'user') return { text: message.content };
  }
  return { problem: `sample "${request.sample.id}": the prompt has no user message to echo` };
}

function answerChance(request: CompletionRequest): { text: string } | { problem: string } {
  const options = request.options;
  if (options === undefined || options.length === 0) {
    return { problem: `sample "${request.sample.id}" has no answer options to pick from (chance needs a multiple-choice dataset)` };
  }
  const pick = Math.floor(mulberry32(request.seed) * options.length);
  return { text: options[Math.min(pick, options.length - 1)]! };
}

/**
 * The first output of mulberry32 (Tommy Ettinger, 2017) seeded with `seed`: a uniform number
 * in [0, 1). One draw per item is all `chance` needs, so no generator state is kept.
 */
function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
