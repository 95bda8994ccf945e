import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SFNClient } from '@aws-sdk/client-sfn';
import { VerdictError } from '../../lib/errors/index.ts';
import { createS3Client, S3ResultStore, type S3ConnectionOptions } from '../../lib/store/index.ts';

/** Cloud options shared by `verdict run --cloud` and `verdict cloud ...`. */
export interface CloudOptions {
  /** CloudFormation stack whose outputs name the bucket and functions. Default "Verdict". */
  stack?: string;
  bucket?: string;
  /** The run state machine's ARN. */
  stateMachine?: string;
  reportBucket?: string;
  region?: string;
  s3Endpoint?: string;
  sfnEndpoint?: string;
}

/** Where the cloud run goes: clients and names, resolved. */
export interface CloudTarget {
  readonly store: S3ResultStore;
  readonly s3: S3ConnectionOptions;
  readonly sfn: SFNClient;
  readonly stateMachine?: string;
  readonly reportBucket?: string;
  readonly reportUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves names and endpoints: explicit options first, then `VERDICT_BUCKET`,
 * `VERDICT_STATE_MACHINE`, `VERDICT_REPORT_BUCKET`, `VERDICT_S3_ENDPOINT`,
 * `VERDICT_SFN_ENDPOINT`, and for whatever is still missing the stack's outputs
 * (CloudFormation DescribeStacks on `--stack`, default "Verdict").
 */
export async function resolveCloudTarget(
  options: CloudOptions,
  needs: { stateMachine?: boolean; reportBucket?: boolean } = {},
  env: Env = process.env,
): Promise<CloudTarget> {
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  let bucket = options.bucket ?? env.VERDICT_BUCKET;
  let stateMachine = options.stateMachine ?? env.VERDICT_STATE_MACHINE;
  let reportBucket = options.reportBucket ?? env.VERDICT_REPORT_BUCKET;
  let reportUrl: string | undefined;
  if (!bucket || (needs.stateMachine && !stateMachine) || (needs.reportBucket && !reportBucket)) {
    const outputs = await stackOutputs(options.stack ?? 'Verdict', region, env.VERDICT_CLOUDFORMATION_ENDPOINT);
    bucket ??= outputs.ResultsBucketName;
    stateMachine ??= outputs.RunStateMachineArn;
    reportBucket ??= outputs.ReportBucketName;
    reportUrl = outputs.ReportUrl;
  }
  if (!bucket) throw new VerdictError('USAGE', `--stack ${options.stack ?? 'Verdict'}: no ResultsBucketName output; pass --bucket or deploy the stack (npx cdk deploy)`);
  const s3: S3ConnectionOptions = { endpoint: options.s3Endpoint ?? env.VERDICT_S3_ENDPOINT, ...(region && { region }) };
  const sfnEndpoint = options.sfnEndpoint ?? env.VERDICT_SFN_ENDPOINT;
  return {
    store: new S3ResultStore({ client: createS3Client(s3), bucket, prefix: 'runs/' }),
    s3,
    sfn: new SFNClient({ ...(region && { region }), ...(sfnEndpoint && { endpoint: sfnEndpoint }) }),
    ...(stateMachine && { stateMachine }),
    ...(reportBucket && { reportBucket }),
    ...(reportUrl && { reportUrl }),
  };
}

/** A stack's outputs by key. */
export async function stackOutputs(stackName: string, region: string | undefined, endpoint?: string): Promise<Record<string, string>> {
  const client = new CloudFormationClient({ ...(region && { region }), ...(endpoint && { endpoint }) });
  try {
    const response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = response.Stacks?.[0]?.Outputs ?? [];
    return Object.fromEntries(outputs.filter((output) => output.OutputKey && output.OutputValue).map((output) => [output.OutputKey!, output.OutputValue!]));
  } catch (error) {
    throw new VerdictError('CLOUD', `--stack ${stackName}: cannot read the stack's outputs (${(error as Error).message}); deploy it with \`npx cdk deploy\`, or pass --bucket and --state-machine`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
