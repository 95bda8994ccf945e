import cliProgress from 'cli-progress';

/** Reports run progress on stderr; stdout stays machine-readable. */
export interface ProgressReporter {
  start(total: number, alreadyDone: number): void;
  update(done: number, errors: number): void;
  stop(): void;
}

/** A bar on a TTY (done/total, rate, ETA, errors); periodic plain lines otherwise; nothing when quiet. */
export function createProgressReporter(options: { stream?: NodeJS.WriteStream; quiet?: boolean; intervalMs?: number } = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { start() {}, update() {}, stop() {} };
  return stream.isTTY ? barReporter(stream) : lineReporter(stream, options.intervalMs ?? 5000);
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} items | {rate}/s | ETA {eta_formatted} | errors {errors}',
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedAt = 0;
  let base = 0;
  return {
    start(total, alreadyDone) {
      startedAt = performance.now();
      base = alreadyDone;
      bar.start(total, alreadyDone, { rate: '0', errors: 0 });
    },
    update(done, errors) {
      const seconds = (performance.now() - startedAt) / 1000;
      bar.update(done, { rate: seconds > 0 ? ((done - base) / seconds).toFixed(1) : '0', errors });
    },
    stop: () => bar.stop(),
  };
}

function lineReporter(stream: NodeJS.WriteStream, intervalMs: number): ProgressReporter {
  let total = 0;
  let startedAt = 0;
  let lastLine = 0;
  let last = { done: 0, errors: 0 };
  const write = () => {
    const seconds = (performance.now() - startedAt) / 1000;
    stream.write(`progress: ${last.done}/${total} items, ${last.errors} errors, ${seconds.toFixed(1)}s\n`);
  };
  return {
    start(totalItems, alreadyDone) {
      total = totalItems;
      startedAt = lastLine = performance.now();
      last = { done: alreadyDone, errors: 0 };
    },
    update(done, errors) {
      last = { done, errors };
      if (performance.now() - lastLine >= intervalMs) {
        lastLine = performance.now();
        write();
      }
    },
    stop: write,
  };
}
