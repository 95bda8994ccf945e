#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { VerdictError } from '../lib/errors/index.ts';
import { addCloudCommands, withCloudOptions } from './commands/cloud-cli.ts';

// Commands load their modules inside their actions, so `verdict --help` and `--version` start
// without zod, the scorers or any SDK (docs/performance.md, "Start-up").

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Verdict's version from its package.json (one level up from bin/, two from the bundle in dist/bin/). */
function ownVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'verdict' && pkg.version) return pkg.version;
    } catch {
      // not this level
    }
  }
  return 'unknown';
}

/** Runs a command and turns its outcome into the exit codes of docs/architecture.md. */
async function exitWith(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    if (error instanceof VerdictError) {
      process.stderr.write(`verdict: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`verdict: the run could not complete: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  }
}

const RUN_EXAMPLES = `
Examples:
  verdict run evals/demo.yaml                          offline demo: controls and a recorded model
  verdict run evals/qa.yaml --limit 20 --candidate gpt-4o-mini
  verdict run node_modules/verdict/evals/bias-audit.yaml --candidates my-models.yaml   add your models to a shipped spec
  verdict run evals/release.yaml --baseline latest --junit gates.xml --markdown "$GITHUB_STEP_SUMMARY"
  verdict run evals/qa.yaml --cloud --no-wait          fan out on AWS Lambda (README "Run on AWS")

Exit codes: 0 every gate passed, 1 a gate failed, 2 bad usage/spec/input, 3 the run could not complete.`;

const program = new Command()
  .name('verdict')
  .description('Evaluate and benchmark language models: accuracy, bias and latency, with honest statistics and release gates.')
  .version(ownVersion(), '-V, --version', 'print the version')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

const run = program
  .command('run')
  .description('run an eval spec and write a result set')
  .argument('<spec>', 'eval spec (YAML)')
  .optionsGroup('Core:')
  .option('--out <dir>', 'folder of result sets', 'results')
  .option('--run-id <id>', 'name of the run folder (default: a sortable time-based id)')
  .option('--candidate <id>', 'run only this candidate (repeatable)', collect)
  .option('--candidates <file>', "add the candidates of a YAML file to the spec's, without editing it (paths relative to that file)")
  .option('--limit <n>', 'use only the first N samples', positiveInt)
  .option('--resume', 'finish an unsealed run (needs --run-id)')
  .option('--quiet', 'no progress output')
  .option('--json', 'print summary.json on stdout instead of the result-set path')
  .optionsGroup('Load:')
  .option('--concurrency <n>', 'requests in flight at once (overrides execution.concurrency)', positiveInt)
  .optionsGroup('Release:')
  .option('--baseline <run>', 'baseline of baseline gates: a run folder, latest (= latest-passing), latest-sealed, or s3://... (overrides the spec)')
  .option('--junit <file>', 'write the gates as JUnit XML')
  .option('--markdown <file>', 'write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
  .option('--max-cost <usd>', 'stop dispatching before the run would cost more (overrides execution.maxCostUsd)', positiveNumber)
  .option('--no-cache', 'ask every model again: neither read nor write the response cache (with --cloud too)')
  .option('--cache-dir <dir>', 'folder of the response cache (default .verdict-cache, or the spec\'s cache.dir); local runs only')
  .option('--allow-code-execution', 'let code scorers run candidate-written code in the sandbox (or execution.allowCodeExecution: true)')
  .option('--sign-key <file>', 'sign the seal with this Ed25519 private key (PEM); docs/audit.md')
  .optionsGroup('Cloud (AWS; README "Run on AWS"):')
  .option('--cloud', 'run on AWS Lambda workers, results in S3')
  .option('--no-wait', 'with --cloud: start the run, print its location and return')
  .option('--publish', "with --cloud: publish the report over the bucket's runs to the report site (it shows every prompt and output)")
  .option('--wait-timeout <seconds>', 'with --cloud: give up waiting after this long (default 3600)', positiveInt)
  .addHelpText('after', RUN_EXAMPLES)
  .action((spec: string, options) =>
    exitWith(async () =>
      options.cloud
        ? (await import('./commands/cloud-run.ts')).runCloudCommand(spec, options)
        : (await import('./commands/run.ts')).runCommand(spec, options),
    ),
  );
withCloudOptions(run);
addCloudCommands(program, exitWith);

program
  .command('init')
  .description('write a starter spec, a tiny dataset and a README snippet that run offline at once')
  .argument('[dir]', 'folder to write into', '.')
  .option('--template <name>', 'qa | bias | latency | translation', 'qa')
  .option('--force', 'overwrite files that exist')
  .action((dir: string, options) => exitWith(async () => (await import('./commands/init.ts')).initCommand(dir, options)));

program
  .command('compare')
  .description('paired comparison of two runs of the same dataset (matched by sample id), with the samples that flipped')
  .argument('<runA>', 'result-set folder A (the reference)')
  .argument('<runB>', 'result-set folder B; differences are B − A')
  .option('--pair <a=b>', 'compare candidate a of run A with candidate b of run B (repeatable)', collect)
  .option('--max-flips <n>', 'flipped samples listed per pair in the table', positiveInt, 20)
  .option('--show <n>', 'flipped samples shown in full (prompt and both outputs) per pair and kind; 0 for none', (value) => Number(value), 3)
  .option('--json', 'print the analysis as JSON on stdout')
  .action((runA: string, runB: string, options) => exitWith(async () => (await import('./commands/compare.ts')).compareCommand(runA, runB, options)));

program
  .command('gate')
  .description("re-evaluate a finished run's gates (the run is not modified); exit 1 when a gate fails")
  .argument('<runDir>', 'result-set folder')
  .option('--baseline <run>', 'baseline of baseline gates: a run folder, latest (= latest-passing), latest-sealed, or s3://... (overrides the spec)')
  .option('--junit <file>', 'write the gates as JUnit XML')
  .option('--markdown <file>', 'write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
  .option('--json', 'print the gate results as JSON on stdout')
  .action((runDir: string, options) => exitWith(async () => (await import('./commands/gate.ts')).gateCommand(runDir, options)));

program
  .command('verify')
  .description("check that a sealed run's manifest and records are unchanged since its summary was written")
  .argument('<run>', 'result-set folder or s3://bucket/runs/<run-id>')
  .option('--public-key <file>', 'public key (PEM) the seal must be signed with: Ed25519, or the P-256 public key of a KMS seal key (docs/audit.md)')
  .option('--baseline <run>', 'baseline run of its baseline gates, when `run` was given --baseline')
  .action((runRef: string, options) => exitWith(async () => (await import('./commands/verify.ts')).verifyCommand(runRef, options)));

program
  .command('validate')
  .description('check a spec and its dataset without calling any model')
  .argument('<spec>', 'eval spec (YAML)')
  .option('--candidates <file>', "add the candidates of a YAML file to the spec's")
  .action((spec: string, options) => exitWith(async () => (await import('./commands/validate.ts')).validateCommand(spec, options)));

program
  .command('report')
  .description('build the report site (and/or one self-contained HTML file) over every run in DIR, or one run\'s audit dossier')
  .argument('[dir]', 'folder of result sets (with --dossier: one run folder)', 'results')
  .option('--out <site>', 'site folder to write (default: DIR/site); with --dossier the HTML file (default: <run>-dossier.html beside the run)')
  .option('--single-file <file>', 'also (or only) write one self-contained HTML file')
  .option('--dossier', "write the run's printable audit dossier: verification, method, dataset card, metrics with definitions, gates, signature")
  .addHelpText('after', '\nExamples:\n  verdict report results                          site over every run → results/site/index.html\n  verdict report results --single-file report.html\n  verdict report results/<run-id> --dossier --out dossier.html')
  .action((dir: string, options) => exitWith(async () => (await import('./commands/report.ts')).reportCommand(dir, options)));

program
  .command('serve')
  .description('serve the report of DIR on localhost, rebuilding when runs change')
  .argument('[dir]', 'folder of result sets', 'results')
  .option('--port <n>', 'port (0 picks a free one)', (value) => Number(value), 4173)
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .action((dir: string, options) => exitWith(async () => (await import('./commands/serve.ts')).serveCommand(dir, options)));

const cache = program.command('cache').description('the response cache: the local folder (.verdict-cache), or an S3 prefix');
for (const [name, description, action] of [
  ['stats', 'count the cached answers and their size', 'cacheStatsCommand'],
  ['clear', 'remove every cached answer', 'cacheClearCommand'],
] as const) {
  const command = cache
    .command(name)
    .description(description)
    .option('--cache-dir <dir>', 'folder of the response cache (default .verdict-cache)')
    .option('--s3 <url>', 'a cache in S3 instead: s3://bucket/prefix/')
    .option('--cloud', "the cloud workers' shared cache: s3://<results bucket>/response-cache/ (docs/aws.md)")
    .option('--stack <name>', 'with --cloud: CloudFormation stack whose outputs name the bucket (default "Verdict")')
    .option('--bucket <name>', 'with --cloud: results bucket (default: the stack output; env VERDICT_BUCKET)')
    .option('--region <region>', 'AWS region (default: AWS_REGION)')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint, e.g. for a local server (env VERDICT_S3_ENDPOINT)');
  if (name === 'stats') command.option('--json', 'print JSON');
  command.action((options) => exitWith(async () => (await import('./commands/cache.ts'))[action](options)));
}

program
  .command('schema')
  .description('write the JSON Schema of eval specs (for editor completion)')
  .option('--out <file>', 'write to a file instead of stdout')
  .action((options: { out?: string }) => exitWith(async () => (await import('./commands/schema.ts')).schemaCommand(options)));

await program.parseAsync(process.argv);
