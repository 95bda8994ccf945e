import { lastLinearMatch, type LinearPattern } from '../scorers/index.ts';

/** Where the reasoning of a record came from. */
export type ReasoningSource = 'field' | 'think' | 'strip';

/** An answer with its chain of thought taken out. */
export interface SplitAnswer {
  /** The text that is scored: the content without reasoning, trimmed. */
  readonly answer: string;
  /**
   * The content without reasoning and untrimmed, when trimming changed it: code is read from
   * this, since the leading spaces of a completion are its indentation (a HumanEval body).
   */
  readonly verbatim?: string;
  /** The reasoning found in the content (think blocks, or what `strip` cut), if any. */
  readonly reasoning?: string;
  readonly source?: Exclude<ReasoningSource, 'field'>;
  /** The think blocks alone, without what `strip` cut: the model's thinking, which a tokenizer counts as reasoning tokens. */
  readonly thinking?: string;
  /** Offset in the raw content where the answer starts (token log-probabilities before it belong to the reasoning). */
  readonly answerOffset: number;
}

/** Options of {@link splitReasoning}. */
export interface SplitReasoningOptions {
  /** Separate `<think>…</think>` blocks (DeepSeek-R1, Qwen3, QwQ). @default true */
  readonly think?: boolean;
  /** Marks where the final answer begins: everything up to the end of its last non-empty match is reasoning. */
  readonly strip?: LinearPattern;
}

const THINK_OPEN = /<(think|thinking|reasoning)>/i;

/**
 * Separates a chain of thought from the answer in a model's content.
 * - `<think>…</think>` (also `<thinking>`, `<reasoning>`): the blocks are reasoning, the rest the answer.
 *   A lone `</think>` (chat templates that open the block in the prompt) ends reasoning that began at
 *   the start; an unclosed `<think>` (a truncated answer) makes the rest reasoning and the answer empty.
 * - `strip`: after that, the text up to the end of the pattern's last match is reasoning too
 *   ("Let me think... Final answer: Paris" with `strip: "final answer:"` scores "Paris").
 * Content without either is returned as it is (trimmed; `verbatim` keeps the whitespace).
 *
 * @example
 * splitReasoning('<think>2+2 is 4</think>\n4') // { answer: '4', reasoning: '2+2 is 4', source: 'think', thinking: '2+2 is 4', answerOffset: 22 }
 */
export function splitReasoning(text: string, options: SplitReasoningOptions = {}): SplitAnswer {
  let source: SplitAnswer['source'];
  let thinking = '';
  let cut = '';
  let answerOffset = 0;
  let answer = text;
  if (options.think !== false) {
    const found = thinkBlocks(text);
    if (found) {
      thinking = found.reasoning
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .join('\n\n');
      source = 'think';
      answerOffset = found.answerOffset;
      answer = found.answer;
    }
  }
  if (options.strip) {
    const end = lastMatchEnd(answer, options.strip);
    if (end !== null) {
      cut = answer.slice(0, end).trim();
      // Only offsets into the raw tail are exact; a marker inside text that preceded a think block is rare.
      answerOffset += Math.max(0, text.slice(answerOffset).indexOf(answer.slice(end)));
      answer = answer.slice(end);
      source ??= 'strip';
    }
  }
  const reasoning = thinking === '' || cut === '' ? thinking + cut : `${thinking}\n\n${cut}`;
  const trimmed = answer.trim();
  return {
    answer: trimmed,
    ...(trimmed !== answer && { verbatim: answer }),
    ...(source && reasoning !== '' && { reasoning, source }),
    ...(thinking !== '' && { thinking }),
    answerOffset,
  };
}

function thinkBlocks(text: string): { reasoning: string[]; answer: string; answerOffset: number } | null {
  const reasoning: string[] = [];
  let answer = '';
  let position = 0;
  let answerOffset = 0;
  const firstClose = /<\/(think|thinking|reasoning)>/i.exec(text);
  const firstOpen = THINK_OPEN.exec(text);
  if (firstClose && (!firstOpen || firstClose.index < firstOpen.index)) {
    // `</think>` with no opening tag: the template opened it; the reasoning starts the content.
    reasoning.push(text.slice(0, firstClose.index));
    position = answerOffset = firstClose.index + firstClose[0].length;
  } else if (!firstOpen) {
    return null;
  }
  for (;;) {
    const rest = text.slice(position);
    const open = THINK_OPEN.exec(rest);
    if (!open) {
      answer += rest;
      break;
    }
    answer += rest.slice(0, open.index);
    const bodyStart = position + open.index + open[0].length;
    const closeTag = new RegExp(`</${open[1]}>`, 'i');
    const close = closeTag.exec(text.slice(bodyStart));
    if (!close) {
      reasoning.push(text.slice(bodyStart));
      position = answerOffset = text.length;
      break;
    }
    reasoning.push(text.slice(bodyStart, bodyStart + close.index));
    position = answerOffset = bodyStart + close.index + close[0].length;
  }
  return { reasoning, answer, answerOffset };
}

function lastMatchEnd(text: string, pattern: LinearPattern): number | null {
  return lastLinearMatch(pattern, text, { nonEmpty: true })?.end ?? null;
}
