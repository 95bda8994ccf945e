import { CfnOutput, Duration, SecretValue, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledgeBedrockAccess, bedrockInvokeStatement } from './bedrock-access.ts';
import { CodeSandbox, type CodeSandboxProps } from './code-sandbox.ts';
import { ReportSite } from './report-site.ts';
import { ResultsBucket, type ResultsBucketProps } from './results-bucket.ts';
import { grantResponseCache } from './run-access.ts';
import { RunStateMachine } from './run-state-machine.ts';
import { SealSigningKey } from './seal-signing-key.ts';
import { VerdictFunction } from './verdict-function.ts';

/** Properties of {@link VerdictStack}. */
export interface VerdictStackProps extends StackProps, Pick<ResultsBucketProps, 'auditRetentionDays' | 'auditRetentionMode'> {
  /**
   * Workers that may run at once, reserved for Verdict so model rate limits hold
   * (requests in flight ≈ this × execution.concurrency).
   * @default undefined (unreserved: the account's shared pool)
   */
  readonly workerReservedConcurrency?: number;
  /** Retries of a shard whose worker failed (its own error) before it is recorded as errors. @default 2 */
  readonly workerRetryAttempts?: number;
  /** @default 1024 */
  readonly workerMemoryMb?: number;
  /**
   * Bedrock model ids, inference profiles or ARNs the workers may invoke (the `model` of each
   * `bedrock` candidate the specs name); the grant names these and no others.
   * @default [] (no Bedrock access)
   */
  readonly bedrockModels?: readonly string[];
  /**
   * Deploy the code sandbox (Python and Node functions without network or permissions) that
   * `code` scorers use with `execution.sandbox: lambda`; `true` for its defaults.
   * @default undefined (not deployed)
   */
  readonly codeSandbox?: boolean | CodeSandboxProps;
}

const PREFIX = 'runs/';
/** Where the workers share cached model answers (`cache:` in the spec), beside the runs. */
const CACHE_PREFIX = 'response-cache/';
const WORKER_TIMEOUT = Duration.minutes(15);

/**
 * Verdict on AWS: the results bucket, the run state machine with its prepare / worker / seal
 * functions, the KMS seal key, the API-key secret and the report site.
 */
export class VerdictStack extends Stack {
  readonly results: ResultsBucket;
  readonly worker: VerdictFunction;
  readonly prepare: VerdictFunction;
  readonly seal: VerdictFunction;
  readonly sealKey: SealSigningKey;
  readonly runs: RunStateMachine;
  readonly apiKeys: Secret;
  readonly site: ReportSite;
  readonly codeSandbox?: CodeSandbox;

  constructor(scope: Construct, id: string, props: VerdictStackProps = {}) {
    super(scope, id, props);
    if (props.workerReservedConcurrency !== undefined && (!Number.isInteger(props.workerReservedConcurrency) || props.workerReservedConcurrency < 1)) {
      throw new Error(`VerdictStack: workerReservedConcurrency must be a whole number ≥ 1, got ${props.workerReservedConcurrency}`);
    }
    this.results = new ResultsBucket(this, 'Results', { auditRetentionDays: props.auditRetentionDays, auditRetentionMode: props.auditRetentionMode });
    const bucket = this.results.bucket;
    this.apiKeys = new Secret(this, 'ModelApiKeys', {
      description: 'Verdict model API keys: one JSON object of apiKeyEnv names to keys, e.g. {"OPENAI_API_KEY": "sk-..."}',
      // An empty map, not a secret: the real keys are put with `aws secretsmanager put-secret-value`.
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    Validations.of(this.apiKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Third-party model API keys are issued and rotated at the model provider; there is no AWS rotation function for them.',
    });
    const common = { VERDICT_BUCKET: bucket.bucketName, VERDICT_PREFIX: PREFIX };

    this.worker = new VerdictFunction(this, 'Worker', {
      entry: 'worker.ts',
      description: 'Verdict worker: runs one shard and writes its records',
      timeout: WORKER_TIMEOUT,
      memorySize: props.workerMemoryMb ?? 1024,
      reservedConcurrentExecutions: props.workerReservedConcurrency,
      environment: { ...common, VERDICT_SECRET_ID: this.apiKeys.secretArn, VERDICT_CACHE_PREFIX: CACHE_PREFIX },
      runAccess: { bucket, prefix: PREFIX, read: ['input/*', 'manifest.json', 'summary.json'], write: ['records/*'] },
      statements: [
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['secretsmanager:GetSecretValue'], resources: [this.apiKeys.secretArn] }),
      ],
    });
    grantResponseCache(this.worker.role, bucket, CACHE_PREFIX);
    if (props.bedrockModels?.length) {
      const bedrock = bedrockInvokeStatement(this, props.bedrockModels);
      this.worker.role.addToPolicy(bedrock);
      acknowledgeBedrockAccess(this.worker.role, bedrock);
    }
    this.prepare = new VerdictFunction(this, 'Prepare', {
      entry: 'prepare-run.ts',
      description: 'Verdict prepare: validates a run, writes its manifest and shard index',
      timeout: Duration.minutes(5),
      environment: { ...common, VERDICT_WORKER_TIMEOUT_MS: String(WORKER_TIMEOUT.toMilliseconds()) },
      runAccess: { bucket, prefix: PREFIX, read: ['input/*', 'manifest.json'], write: ['manifest.json', 'shards.json'] },
    });
    this.sealKey = new SealSigningKey(this, 'SealKey');
    this.seal = new VerdictFunction(this, 'Seal', {
      entry: 'seal-run.ts',
      description: 'Verdict seal: records missing shards as errors, writes summary.json once, signs it with KMS',
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: { ...common, ...this.sealKey.signerEnvironment() },
      runAccess: {
        bucket,
        prefix: PREFIX,
        read: ['input/*', 'manifest.json', 'records/*', 'summary.json'],
        write: ['records/*', 'summary.json'],
        remove: ['run.lock'],
      },
    });
    this.sealKey.grantSign(this.seal.role);
    this.sealKey.grantReadPublicKey(this.seal.role);
    this.runs = new RunStateMachine(this, 'Runs', {
      bucket,
      prefix: PREFIX,
      prepare: this.prepare.function,
      worker: this.worker.function,
      seal: this.seal.function,
      workerRetries: props.workerRetryAttempts,
    });

    this.site = new ReportSite(this, 'ReportSite', { accessLogs: this.results.accessLogs });

    if (props.codeSandbox) {
      this.codeSandbox = new CodeSandbox(this, 'CodeSandbox', props.codeSandbox === true ? {} : props.codeSandbox);
      this.codeSandbox.grantInvoke(this.worker.role);
      this.worker.function.addEnvironment('VERDICT_SANDBOX_PYTHON_FUNCTION', this.codeSandbox.python.functionName);
      this.worker.function.addEnvironment('VERDICT_SANDBOX_JAVASCRIPT_FUNCTION', this.codeSandbox.javascript.functionName);
      new CfnOutput(this, 'CodeSandboxPythonFunctionName', { value: this.codeSandbox.python.functionName });
      new CfnOutput(this, 'CodeSandboxJavascriptFunctionName', { value: this.codeSandbox.javascript.functionName });
    }

    new CfnOutput(this, 'ResultsBucketName', { value: bucket.bucketName, description: 'Results bucket (runs/<id>/...)' });
    new CfnOutput(this, 'RunStateMachineArn', { value: this.runs.stateMachine.stateMachineArn, description: 'Started by `verdict run --cloud`' });
    new CfnOutput(this, 'SealKeyArn', { value: this.sealKey.key.keyArn, description: 'Verify seals with `aws kms get-public-key`' });
    new CfnOutput(this, 'WorkerFunctionName', { value: this.worker.function.functionName });
    new CfnOutput(this, 'ApiKeysSecretArn', { value: this.apiKeys.secretArn, description: 'Put model API keys here as a JSON object' });
    new CfnOutput(this, 'ReportBucketName', { value: this.site.bucket.bucketName, description: 'Target of `verdict cloud publish`' });
    new CfnOutput(this, 'ReportUrl', { value: this.site.url, description: 'The report site' });
  }
}
