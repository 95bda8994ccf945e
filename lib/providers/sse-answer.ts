import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { StreamedAnswer, type AttemptResult, type ChunkFields } from './chat-answer.ts';
import { MalformedResponseError, type OpenAIErrorClasses } from './openai-failure.ts';

/** The longest single SSE event held while it arrives; an endless line cannot exhaust memory. */
const MAX_EVENT_CHARS = 8 * 1024 * 1024;

/**
 * Reads a chat-completions event stream into an answer, for both transports: events parsed per
 * the SSE spec (CR, LF or CRLF line endings, multi-line data, comments) by eventsource-parser, in
 * time linear in the body. A stream is complete only with `data: [DONE]` or a finish reason; a
 * server's `error` event (or a chunk with an `error` field) becomes the SDK's APIError carrying
 * the server's own message.
 */
export class SseAnswerReader {
  readonly answer: StreamedAnswer;
  private readonly parser: EventSourceParser;
  private done = false;
  private failure: unknown;

  constructor(
    startedAtMs: number,
    private readonly errors: OpenAIErrorClasses,
  ) {
    this.answer = new StreamedAnswer(startedAtMs);
    this.parser = createParser({ onEvent: (event) => this.onEvent(event), maxBufferSize: MAX_EVENT_CHARS });
  }

  /** Feeds decoded text; throws the first failure (malformed chunk, error event, answer too long). */
  feed(text: string, atMs: number): void {
    this.answer.arrived(atMs);
    this.parser.feed(text);
    if (this.failure !== undefined) throw this.failure;
  }

  /** The answer once the body has ended; a stream cut short (no [DONE], no finish reason) is a dropped connection. */
  finish(): AttemptResult {
    if (!this.done && this.answer.finishReason === undefined) {
      throw new this.errors.APIConnectionError({ cause: new Error('the stream ended before [DONE] or a finish reason (truncated)') });
    }
    return this.answer.result();
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.failure !== undefined || this.done) return;
    try {
      this.handle(event);
    } catch (error) {
      this.failure = error;
    }
  }

  private handle(event: EventSourceMessage): void {
    if (event.data === '[DONE]') {
      this.done = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(event.data);
    } catch {
      if (event.event === 'error') throw new this.errors.APIError(undefined, { message: event.data }, undefined, undefined);
      throw new MalformedResponseError('a stream event is not JSON');
    }
    const error = chunk !== null && typeof chunk === 'object' ? (chunk as { error?: unknown }).error : undefined;
    if (event.event === 'error' || error !== undefined) {
      throw new this.errors.APIError(undefined, (error ?? chunk) as object, undefined, undefined);
    }
    if (chunk === null || typeof chunk !== 'object') throw new MalformedResponseError('a stream event is not an object');
    this.answer.add(chunk as ChunkFields);
  }
}
