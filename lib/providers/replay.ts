import type { Completion, CompletionRequest, Provider } from '../ports/index.ts';
import { CompletionFailure } from '../errors/index.ts';
import { getPath } from '../template/index.ts';
import { describeKey, joinKey, loadReplayIndex, resolveReplayFiles, type ReplayIndex, type ReplayRow } from './replay-index.ts';
import { replayDefinition } from '../spec/index.ts';
import { defineProvider } from './types.ts';


/** Shared by every replayed completion: a replay has no latency, so reports can tell it apart. */
const REPLAY_META = Object.freeze({ replay: true });

/**
 * Answers from recorded outputs (another tool's run, a past model, human answers) instead of
 * calling a model. The files are read once at create time. When a key has several rows (a
 * recording with repeats), repeat r gets row r mod n, in file order.
 *
 * @example
 * { id: recorded, provider: replay, file: "recordings/*.jsonl", key: [id, lang], field: output.text }
 */
export const replayProvider = defineProvider(replayDefinition, {
  async create(params, context) {
    const keyFields = typeof params.key === 'string' ? [params.key] : params.key;
    const patterns = typeof params.file === 'string' ? [params.file] : params.file;
    const files = await resolveReplayFiles(patterns, context.baseDir);
    const index = await loadReplayIndex(files, keyFields, context.baseDir);
    return new ReplayProvider(context.id, index, keyFields, params.field, params.repeatField);
  },
});

class ReplayProvider implements Provider {
  readonly id: string;
  readonly #index: ReplayIndex;
  readonly #keyFields: readonly string[];
  readonly #field: string;
  readonly #repeatField: string | undefined;

  constructor(id: string, index: ReplayIndex, keyFields: readonly string[], field: string, repeatField?: string) {
    this.id = id;
    this.#index = index;
    this.#keyFields = keyFields;
    this.#field = field;
    this.#repeatField = repeatField;
  }

  async complete(request: CompletionRequest): Promise<Completion> {
    const { sample } = request;
    const key = joinKey(sample.data, this.#keyFields);
    const rows = key === undefined ? undefined : this.#index.get(key);
    if (rows === undefined) throw this.#missingKey(request, key === undefined);
    const { row, where } = this.#rowFor(rows, request);
    const value = getPath(row, this.#field);
    if (value === undefined || value === null) {
      throw new CompletionFailure(
        'PROVIDER_RESPONSE',
        `candidate "${this.id}": ${where}: replay row has no "${this.#field}" (got ${value === null ? 'null' : 'nothing'}); check the replay "field" param`,
        { attempts: 1, context: { candidate: this.id, sampleId: sample.id, where, field: this.#field } },
      );
    }
    return {
      text: typeof value === 'string' ? value : JSON.stringify(value),
      latencyMs: 0,
      ttftMs: null,
      usage: null,
      attempts: 1,
      meta: REPLAY_META,
    };
  }

  /** The row of this repeat: by `repeatField` when given (missing → an error on this item), else r mod n. */
  #rowFor(rows: readonly ReplayRow[], request: CompletionRequest): ReplayRow {
    if (this.#repeatField === undefined) return rows[request.repeat % rows.length]!;
    const field = this.#repeatField;
    const found = rows.find(({ row }) => Number(getPath(row, field)) === request.repeat);
    if (found) return found;
    throw new CompletionFailure(
      'REPLAY_MISSING_KEY',
      `candidate "${this.id}": no replay row with ${field} = ${request.repeat} for ${describeKey(request.sample.data, this.#keyFields)} (sample "${request.sample.id}"); record it or lower execution.repeats`,
      { attempts: 0, context: { candidate: this.id, sampleId: request.sample.id, repeat: request.repeat, repeatField: field } },
    );
  }

  async close(): Promise<void> {
    this.#index.close();
  }

  #missingKey(request: CompletionRequest, sampleLacksKey: boolean): CompletionFailure {
    const { sample } = request;
    const shown = describeKey(sample.data, this.#keyFields);
    const message = sampleLacksKey
      ? `candidate "${this.id}": sample "${sample.id}" has no value for the replay key (${shown}); check the replay "key" param`
      : `candidate "${this.id}": no replay row for ${shown} (sample "${sample.id}"); record it or drop the sample`;
    return new CompletionFailure('REPLAY_MISSING_KEY', message, {
      attempts: 0,
      context: { candidate: this.id, sampleId: sample.id, key: shown },
    });
  }
}
