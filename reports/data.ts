import { chunkBlockId, INDEX_BLOCK_ID, type ReportIndex, type ReportRun, type SampleChunk, type SampleRow } from '../lib/report/report-data.ts';

/** The overview data, inlined in the page as `<script type="application/json" id="verdict-index">`. */
export function readIndex(): ReportIndex {
  const block = document.getElementById(INDEX_BLOCK_ID);
  if (!block?.textContent) throw new Error('the report data block is missing');
  return JSON.parse(block.textContent) as ReportIndex;
}

/** A sample chunk: an inline block (single-file report) or the script `data/<name>.js` beside the page. */
async function loadChunk(name: string): Promise<SampleChunk> {
  const block = document.getElementById(chunkBlockId(name));
  if (block?.textContent) return JSON.parse(block.textContent) as SampleChunk;
  return JSON.parse(await loadChunkScript(name)) as SampleChunk;
}

const waiting = new Map<string, (json: string) => void>();

declare global {
  interface Window {
    __verdictChunk?: (name: string, json: string) => void;
  }
}

/** Loads `data/<name>.js`, which calls `window.__verdictChunk(name, jsonText)` (works from file:// too). */
function loadChunkScript(name: string): Promise<string> {
  window.__verdictChunk ??= (chunkName, json) => {
    waiting.get(chunkName)?.(json);
    waiting.delete(chunkName);
  };
  return new Promise((resolve, reject) => {
    waiting.set(name, resolve);
    const script = document.createElement('script');
    script.src = `data/${name}.js`;
    script.onerror = () => {
      waiting.delete(name);
      reject(location.protocol === 'file:' ? new FileProtocolError() : new Error(`data/${name}.js could not be loaded`));
    };
    script.onload = () => script.remove();
    document.head.appendChild(script);
  });
}

/** A chunk that could not be read from a file:// page; the UI explains how to open the report instead. */
export class FileProtocolError extends Error {
  constructor() {
    super('sample data could not be read from file://');
  }
}

type Listener = () => void;

/**
 * A run's sample rows, loaded chunk by chunk in the background. Views read `rows` as it grows
 * and re-render on progress, so the first page shows as soon as the first chunk arrives.
 */
export class RunSamples {
  readonly rows: SampleRow[] = [];
  readonly total: number;
  error: Error | null = null;
  private readonly listeners = new Set<Listener>();
  private started = false;
  private finished = false;
  private donePromise: Promise<void> | null = null;
  private byItem: Map<string, SampleRow> | null = null;

  constructor(private readonly run: ReportRun) {
    this.total = run.samples.count;
  }

  get complete(): boolean {
    return this.finished;
  }

  /** Starts loading (once); resolves when every chunk is in. */
  load(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.donePromise = this.loadAll();
    }
    return this.donePromise!;
  }

  /** Subscribes to progress; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The row for an item id (after the rows have loaded). */
  find(itemId: string): SampleRow | undefined {
    if (!this.byItem || this.byItem.size !== this.rows.length) this.byItem = new Map(this.rows.map((row) => [row.itemId, row]));
    return this.byItem.get(itemId);
  }

  private async loadAll(): Promise<void> {
    try {
      for (const name of this.run.samples.chunks) {
        const chunk = await loadChunk(name);
        for (const row of chunk.rows) this.rows.push(row);
        this.notify();
        // Let the page paint between chunks.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (error) {
      this.error = error as Error;
    } finally {
      this.finished = true;
      this.notify();
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const cache = new Map<string, RunSamples>();

/** The shared loader of a run's samples. */
export function runSamples(run: ReportRun): RunSamples {
  let samples = cache.get(run.runId);
  if (!samples) {
    samples = new RunSamples(run);
    cache.set(run.runId, samples);
  }
  return samples;
}
