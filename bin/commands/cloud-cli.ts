import type { Command } from 'commander';

/** Adds the options every cloud command shares. */
export function withCloudOptions(command: Command): Command {
  return command
    .option('--stack <name>', 'CloudFormation stack whose outputs name the bucket and functions (default "Verdict")')
    .option('--bucket <name>', 'results bucket (default: the stack output; env VERDICT_BUCKET)')
    .option('--state-machine <arn>', 'the run state machine (default: the stack output; env VERDICT_STATE_MACHINE)')
    .option('--report-bucket <name>', 'report site bucket (default: the stack output; env VERDICT_REPORT_BUCKET)')
    .option('--region <region>', 'AWS region (default: AWS_REGION)')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint, e.g. for a local server (env VERDICT_S3_ENDPOINT)')
    .option('--sfn-endpoint <url>', 'Step Functions endpoint, e.g. for a local server (env VERDICT_SFN_ENDPOINT)');
}

/** Adds the `verdict cloud` command group: status, resume, cancel and publish. */
export function addCloudCommands(program: Command, exitWith: (action: () => Promise<number>) => Promise<void>): void {
  const cloud = program.command('cloud').description('runs on AWS: status, resume and cancel of a cloud run, publish a report site');
  withCloudOptions(
    cloud
      .command('status')
      .description('progress of a cloud run (its execution and the map run’s shard counts); the summary once sealed')
      .argument('<run>', 'run id, or s3://bucket/runs/<run-id>')
      .option('--wait', 'follow the run until it is sealed; exit with its gates')
      .option('--wait-timeout <seconds>', 'give up waiting after this long (default 3600)', Number)
      .option('--json', 'print the status as JSON on stdout'),
  ).action(async (run: string, options) => {
    const { cloudStatusCommand } = await import('./cloud-status.ts');
    await exitWith(() => cloudStatusCommand(run, options));
  });
  withCloudOptions(
    cloud
      .command('resume')
      .description('redrive a failed or cancelled cloud run: only the shards that did not finish run again')
      .argument('<run>', 'run id')
      .option('--wait', 'follow the run until it is sealed; exit with its gates')
      .option('--wait-timeout <seconds>', 'give up waiting after this long (default 3600)', Number)
      .option('--json', 'print the status as JSON on stdout'),
  ).action(async (run: string, options) => {
    const { cloudResumeCommand } = await import('./cloud-status.ts');
    await exitWith(() => cloudResumeCommand(run, options));
  });
  withCloudOptions(
    cloud
      .command('cancel')
      .description('stop a cloud run: no new shard starts (resume it later with `verdict cloud resume`)')
      .argument('<run>', 'run id'),
  ).action(async (run: string, options) => {
    const { cloudCancelCommand } = await import('./cloud-status.ts');
    await exitWith(() => cloudCancelCommand(run, options));
  });
  withCloudOptions(
    cloud
      .command('publish')
      .description('upload a report site (from `verdict report --out DIR`) to the stack’s CloudFront site')
      .argument('<site-dir>', 'folder with index.html'),
  ).action(async (siteDir: string, options) => {
    const { cloudPublishCommand } = await import('./cloud-publish.ts');
    await exitWith(() => cloudPublishCommand(siteDir, options));
  });
}
