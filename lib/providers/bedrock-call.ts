import type { BedrockRuntimeClient, ConverseResponse, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { Clock, CompletionRequest } from '../ports/index.ts';
import type { Usage } from '../results/index.ts';
import type { AttemptResult } from './chat-answer.ts';
import { MalformedResponseError } from './openai-failure.ts';
import { buildConverseBody, type ConverseParams } from './bedrock-request.ts';

/** The SDK's command classes, handed over after the lazy import. */
export interface ConverseCommands {
  readonly ConverseCommand: typeof import('@aws-sdk/client-bedrock-runtime').ConverseCommand;
  readonly ConverseStreamCommand: typeof import('@aws-sdk/client-bedrock-runtime').ConverseStreamCommand;
}

/** Everything one Converse call needs, fixed when the provider is created. */
export interface ConverseCall {
  readonly client: BedrockRuntimeClient;
  readonly commands: ConverseCommands;
  readonly clock: Clock;
  readonly modelId: string;
  readonly params: ConverseParams;
}

/** One `Converse` call; latency runs from sending to the parsed response. */
export async function converseOnce(call: ConverseCall, request: CompletionRequest, signal: AbortSignal): Promise<AttemptResult> {
  const command = new call.commands.ConverseCommand({ modelId: call.modelId, ...buildConverseBody(request.messages, call.params) } as never);
  const startMs = call.clock.now();
  const response = (await call.client.send(command, { abortSignal: signal })) as ConverseResponse;
  const latencyMs = call.clock.now() - startMs;
  const content = response.output?.message?.content;
  if (!Array.isArray(content)) throw new MalformedResponseError('output.message.content is missing');
  const text = content.map((block) => block.text ?? '').join('');
  return { text, latencyMs, ttftMs: null, usage: readUsage(response.usage), meta: describe(response.stopReason, response.metrics?.latencyMs) };
}

/**
 * One `ConverseStream` call. TTFT is the first `contentBlockDelta` carrying text; every such
 * delta's arrival is kept (for ITL/TPOT); latency is the last event. An exception event inside
 * the stream is thrown as the SDK's exception, and so classified like an HTTP error.
 */
export async function converseStreamOnce(call: ConverseCall, request: CompletionRequest, signal: AbortSignal): Promise<AttemptResult> {
  const command = new call.commands.ConverseStreamCommand({ modelId: call.modelId, ...buildConverseBody(request.messages, call.params) } as never);
  const { clock } = call;
  const startMs = clock.now();
  const response = await call.client.send(command, { abortSignal: signal });
  if (response.stream === undefined) throw new MalformedResponseError('the response has no event stream');
  let text = '';
  let ttftMs: number | null = null;
  let lastMs = clock.now() - startMs;
  let usage: Usage | null = null;
  let stopReason: string | undefined;
  let serverLatencyMs: number | undefined;
  const chunkTimesMs: number[] = [];
  for await (const event of response.stream as AsyncIterable<ConverseStreamOutput>) {
    lastMs = clock.now() - startMs;
    const delta = event.contentBlockDelta?.delta?.text;
    if (typeof delta === 'string' && delta !== '') {
      ttftMs ??= lastMs;
      chunkTimesMs.push(lastMs);
      text += delta;
    }
    if (event.messageStop !== undefined) stopReason = event.messageStop.stopReason;
    if (event.metadata !== undefined) {
      usage = readUsage(event.metadata.usage);
      serverLatencyMs = event.metadata.metrics?.latencyMs;
    }
  }
  if (signal.aborted && stopReason === undefined) throw new DOMException('stream aborted', 'AbortError');
  return { text, latencyMs: lastMs, ttftMs, chunkTimesMs, usage, meta: describe(stopReason, serverLatencyMs) };
}

function readUsage(usage: { inputTokens?: number; outputTokens?: number } | undefined): Usage | null {
  if (usage === undefined || typeof usage.inputTokens !== 'number' || typeof usage.outputTokens !== 'number') return null;
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, source: 'server' };
}

function describe(stopReason: string | undefined, serverLatencyMs: number | undefined): Record<string, unknown> {
  return { ...(stopReason !== undefined && { stopReason }), ...(serverLatencyMs !== undefined && { serverLatencyMs }) };
}
