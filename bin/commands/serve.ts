import { serveReport } from '../../lib/report/index.ts';

/** Options of `verdict serve`, as commander parses them. */
export interface ServeCommandOptions {
  port: number;
  host?: string;
}

/**
 * `verdict serve [DIR]`: serves the report on localhost and rebuilds it when runs change.
 * Runs until interrupted (Ctrl-C).
 */
export async function serveCommand(dir: string, options: ServeCommandOptions): Promise<number> {
  const server = await serveReport({
    resultsDir: dir,
    port: options.port,
    host: options.host,
    log: (line) => process.stderr.write(`verdict serve: ${line}\n`),
  });
  process.stderr.write(`verdict serve: the report of ${dir} is at ${server.url} (rebuilds when runs change; Ctrl-C to stop)\n`);
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
