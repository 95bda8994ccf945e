import type { RecordConfidence, RecordReasoning } from '../results/index.ts';
import { compileLinearPattern } from '../scorers/index.ts';
import type { CalibrationSpec, ReasoningSpec } from '../spec/index.ts';
import { confidenceFromLogprobs } from './logprob-confidence.ts';
import type { Completion } from '../ports/index.ts';
import { splitReasoning, type SplitAnswer } from './reasoning-split.ts';
import { parseStatedConfidence } from './verbalized-confidence.ts';

/** A completion read for scoring: the answer stored, the text scored, the reasoning apart. */
export interface ReadAnswer {
  /** The answer without reasoning: what the record stores as `output`. */
  readonly answer: string;
  /** What the scorers see: the answer without a stated-confidence statement either. */
  readonly scored: string;
  /** The answer without reasoning, whitespace kept (for code, where indentation matters). */
  readonly verbatim: string;
  readonly reasoning?: RecordReasoning;
  /** A stated confidence, when the spec asks for one. */
  readonly stated?: RecordConfidence;
  readonly answerOffset: number;
}

/**
 * Reads a completion the way the spec says (`reasoning:`, `calibration:`): separates reasoning,
 * parses a stated confidence, and, once the answer is scored, reads a confidence from token
 * log-probabilities. The same for every executor.
 */
export interface AnswerReader {
  /**
   * The answer split once. A promise only when reasoning without a server or log-probability count
   * is counted with the candidate's tokenizer (`completion.countTokens`): most answers take no await.
   */
  read(completion: Completion): ReadAnswer | Promise<ReadAnswer>;
  /** The answer's confidence, given the option the primary scorer read (multiple choice). */
  confidence(completion: Completion, read: ReadAnswer, chosen?: { letter: string; text: string }): RecordConfidence | undefined;
}

/** Builds the reader for a spec; without `reasoning:` think blocks and reasoning fields are still kept apart. */
export function createAnswerReader(spec: { reasoning?: ReasoningSpec; calibration?: CalibrationSpec } = {}): AnswerReader {
  const strip = spec.reasoning?.strip === undefined ? undefined : compileLinearPattern(spec.reasoning.strip, 'i');
  const think = spec.reasoning?.think ?? true;
  const source = spec.calibration?.confidence;
  const wantsStated = source === 'verbalized' || source === 'auto';
  const wantsLogprobs = source === 'logprobs' || source === 'auto';
  return {
    read(completion) {
      const split = splitReasoning(completion.text, { think, strip });
      const statement = wantsStated ? parseStatedConfidence(split.answer) : undefined;
      const stated: RecordConfidence | undefined = statement && { value: statement.value, source: 'verbalized', method: 'stated', statement: statement.statement };
      const answer = (reasoning: RecordReasoning | undefined): ReadAnswer => ({
        answer: split.answer,
        scored: statement?.answer ?? split.answer,
        verbatim: split.verbatim ?? split.answer,
        answerOffset: split.answerOffset,
        ...(reasoning && { reasoning }),
        ...(stated && { stated }),
      });
      const reasoning = reasoningOf(completion, split);
      return reasoning instanceof Promise ? reasoning.then(answer) : answer(reasoning);
    },
    confidence(completion, read, chosen) {
      if (wantsLogprobs && completion.logprobs) {
        const found = confidenceFromLogprobs(completion.logprobs, { answerOffset: read.answerOffset, chosen });
        if (found) return { value: found.value, source: 'logprobs', method: found.method, tokens: found.tokens };
      }
      return read.stated;
    },
  };
}

/**
 * The record's reasoning with its token count: the server's, else one made exactly from the
 * log-probabilities, else the tokenizer's count of the reasoning field or, without one, of the
 * think blocks alone (what `strip` cut is not the model's thinking and stays uncounted).
 */
function reasoningOf(completion: Completion, split: SplitAnswer): RecordReasoning | Promise<RecordReasoning> | undefined {
  const parts = [completion.reasoning, split.reasoning].filter((part): part is string => part !== undefined && part.trim() !== '');
  if (parts.length === 0) return undefined;
  const text = parts.join('\n\n');
  const source = completion.reasoning !== undefined && completion.reasoning.trim() !== '' ? 'field' : split.source!;
  const counted = completion.reasoningTokens ?? countFromLogprobs(completion, split);
  if (counted) return { text, source, tokens: counted.count, tokensSource: counted.source };
  const thought = completion.reasoning ?? split.thinking;
  if (thought === undefined || !completion.countTokens) return { text, source, tokens: null };
  return completion.countTokens(thought).then((tokens) => ({ text, source, tokens, tokensSource: 'tokenizer' as const }));
}

/** Without a server count, think-block tokens can be counted exactly from the content's log-probabilities. */
function countFromLogprobs(completion: Completion, split: SplitAnswer): { count: number; source: 'logprobs' } | undefined {
  if (!completion.logprobs || split.source !== 'think' || completion.reasoning) return undefined;
  let offset = 0;
  let count = 0;
  for (const token of completion.logprobs) {
    if (offset < split.answerOffset) count++;
    offset += token.token.length;
  }
  return { count, source: 'logprobs' };
}
