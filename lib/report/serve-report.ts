import { watch, type FSWatcher } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import { writeReportSite } from './write-report.ts';
import { contentSecurityPolicy } from './page-html.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Options of {@link serveReport}. */
export interface ServeOptions {
  readonly resultsDir: string;
  readonly port: number;
  /** Defaults to 127.0.0.1: the report holds raw model outputs, so it is not exposed to the network by default. */
  readonly host?: string;
  /** Quiet period after the last file change before a rebuild. */
  readonly debounceMs?: number;
  readonly log?: (line: string) => void;
}

/** A running report server. */
export interface ReportServer {
  readonly url: string;
  /** Resolves after the rebuild triggered by the latest change (for tests). */
  rebuilt(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `verdict serve`: builds the site into a temporary folder, serves it on localhost with the same
 * CSP as a header, and rebuilds (debounced) when anything under the results folder changes.
 * The page polls data/build.json and offers a reload after a rebuild.
 */
export async function serveReport(options: ServeOptions): Promise<ReportServer> {
  const log = options.log ?? (() => {});
  const resultsDir = resolve(options.resultsDir);
  const host = options.host ?? '127.0.0.1';
  let siteDir = '';
  const allowedHost = hostChecker(host);
  const server = createServer((request, response) => {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends `Host: evil.example`.
    if (!allowedHost(request.headers.host)) {
      response.statusCode = 403;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end(`forbidden: Host ${JSON.stringify(request.headers.host ?? '')} is not this server (verdict serve --host decides which names it answers to)`);
      return;
    }
    respond(siteDir, request.url ?? '/', response.setHeader.bind(response))
      .catch(() => ({ status: 400, body: 'bad request' }))
      .then(({ status, body }) => {
        response.statusCode = status;
        response.end(body);
      });
  });
  // Listen before building: a busy port fails at once, with no site copied to the temp folder.
  await listen(server, options.port, host);
  try {
    siteDir = await mkdtemp(join(tmpdir(), 'verdict-site-'));
    await writeReportSite({ resultsDir, outDir: siteDir, live: true });
  } catch (error) {
    await new Promise<void>((done) => closeServer(server, done));
    if (siteDir !== '') await rm(siteDir, { recursive: true, force: true });
    throw error;
  }
  let pending: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const rebuild = async (): Promise<void> => {
    const next = await mkdtemp(join(tmpdir(), 'verdict-site-'));
    try {
      const { index } = await writeReportSite({ resultsDir, outDir: next, live: true });
      const previous = siteDir;
      siteDir = next;
      await rm(previous, { recursive: true, force: true });
      log(`rebuilt the report (${index.runs.length} runs)`);
    } catch (error) {
      await rm(next, { recursive: true, force: true });
      log(`rebuild failed, still serving the previous build: ${(error as Error).message}`);
    }
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      pending = pending.then(rebuild);
    }, options.debounceMs ?? 400);
  };
  const watcher: FSWatcher = watch(resultsDir, { recursive: true }, schedule);
  watcher.on('error', (error) => log(`watching ${resultsDir} stopped: ${error.message}`));

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
    async rebuilt() {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, (options.debounceMs ?? 400) + 50));
      await pending;
    },
    async close() {
      clearTimeout(timer);
      watcher.close();
      await new Promise<void>((resolvePromise) => closeServer(server, resolvePromise));
      await pending;
      await rm(siteDir, { recursive: true, force: true });
    },
  };
}

/** Listens, turning a busy or forbidden port into a usage error that names it and the fix. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        const why = error.code === 'EADDRINUSE' ? 'is already in use' : 'is not allowed for this user';
        reject(new VerdictError('USAGE', `verdict serve: port ${port} on ${host} ${why}; pick another with --port (0 picks a free one)`, { cause: error }));
      } else reject(error);
    });
    server.listen(port, host, () => resolvePromise());
  });
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Which `Host` headers the server answers: loopback names by default, plus the `--host` it was
 * given; bound to every interface (0.0.0.0, ::) it answers any name, as the user asked for that.
 */
function hostChecker(bound: string): (header: string | undefined) => boolean {
  if (WILDCARD_HOSTS.has(bound)) return () => true;
  const allowed = new Set([...LOOPBACK_NAMES, bound.toLowerCase()]);
  return (header) => {
    if (header === undefined) return false;
    const name = header.toLowerCase().replace(/:\d+$/, '');
    return allowed.has(name) || (name.startsWith('[') && allowed.has(name.slice(1, -1))) || /^127(\.\d{1,3}){3}$/.test(name);
  };
}

/** Serves a file of the site; paths outside it (../) are refused. */
async function respond(siteDir: string, url: string, setHeader: (name: string, value: string) => void): Promise<{ status: number; body: Buffer | string }> {
  // A malformed %-escape throws here; the caller answers 400 instead of crashing the server.
  const pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  const relativePath = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const path = normalize(join(siteDir, relativePath));
  setHeader('Content-Security-Policy', `${contentSecurityPolicy({ mode: 'files', scriptSrc: '', styleHref: '' })}; frame-ancestors 'none'`);
  setHeader('X-Content-Type-Options', 'nosniff');
  setHeader('Referrer-Policy', 'no-referrer');
  setHeader('Cache-Control', 'no-store');
  if (!path.startsWith(siteDir + sep)) return { status: 403, body: 'forbidden' };
  try {
    const body = await readFile(path);
    setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    return { status: 200, body };
  } catch {
    setHeader('Content-Type', 'text/plain; charset=utf-8');
    return { status: 404, body: 'not found' };
  }
}

function closeServer(server: Server, done: () => void): void {
  server.close(() => done());
  server.closeAllConnections();
}
