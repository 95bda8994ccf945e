import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  DefinitionBody,
  DistributedMap,
  JitterType,
  JsonPath,
  LogLevel,
  ProcessorMode,
  ProcessorType,
  ResultWriterV2,
  S3JsonItemReader,
  StateMachine,
  StateMachineType,
  TaskInput,
  type RetryProps,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** The errors a Lambda task retries: throttling and Lambda's own service failures, never the handler's. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
] as const;

/** The state names of the run workflow (the CLI and the local interpreter read map runs by label). */
export const RUN_STATES = { prepare: 'Prepare', shards: 'Shards', work: 'WorkShard', recordFailure: 'RecordShardFailure', seal: 'Seal' } as const;

/**
 * The map's ResultWriter with IAM on the runs' `map-results/` prefix only (CDK's own grants
 * `s3:PutObject` on every object of every bucket when the bucket is a path).
 */
class RunResultWriter extends ResultWriterV2 {
  constructor(
    private readonly objects: string,
    props: ConstructorParameters<typeof ResultWriterV2>[0],
  ) {
    super(props);
  }

  override providePolicyStatements(): PolicyStatement[] {
    // The actions AWS documents for exporting a map run's results (multipart for large result files).
    return [new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], resources: [this.objects] })];
  }
}

/** Properties of {@link RunStateMachine}. */
export interface RunStateMachineProps {
  readonly bucket: Bucket;
  /** Key prefix of the runs, e.g. `runs/`; the shard index is `<prefix><run>/shards.json`. */
  readonly prefix: string;
  /** Validates and plans a run, writes manifest.json and shards.json, answers `{ runId, bucket, shardIndexKey, resultPrefix, maxConcurrency }`. */
  readonly prepare: IFunction;
  /** Runs one shard (`{ runId, shardId, start, size }`); with `failure` set, records the shard's items as errors instead. */
  readonly worker: IFunction;
  /** Seals the run (aggregateRecords → summary.json once, signed when a key is configured). */
  readonly seal: IFunction;
  /** Attempts of a shard after the first when the worker itself fails (its error, not Lambda's). @default 2 */
  readonly workerRetries?: number;
  /** @default Duration.days(7) */
  readonly timeout?: Duration;
}

/**
 * The run workflow: Prepare → Distributed Map over the run's shard index → Seal.
 *
 * The parent is STANDARD (exactly-once, up to a year, redrivable). Each shard runs as a STANDARD
 * child execution too: a worker may take Lambda's full 15 minutes, beyond an EXPRESS child's
 * 5-minute limit, and a STANDARD child runs exactly once, so a redrive reruns only the children
 * that did not succeed. Every shard ends accounted for: a worker that keeps failing is caught and
 * its items are written as error records, and ToleratedFailurePercentage is 100 so even a shard
 * whose failure record could not be written lets the run reach Seal, which fills it in.
 */
export class RunStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RunStateMachineProps) {
    super(scope, id);
    // The map's ResultWriter is the V2 one (a bucket path and a per-run prefix); CDK reads it only with this flag.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    const transient: RetryProps = {
      errors: [...LAMBDA_TRANSIENT_ERRORS],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      maxDelay: Duration.seconds(60),
      jitterStrategy: JitterType.FULL,
    };

    const prepare = new LambdaInvoke(this, 'PrepareTask', {
      stateName: RUN_STATES.prepare,
      lambdaFunction: props.prepare,
      payload: TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: '$.prepared',
    }).addRetry(transient);

    const shardTask = {
      schemaVersion: 1,
      runId: JsonPath.stringAt('$.runId'),
      shardId: JsonPath.stringAt('$.shard.id'),
      start: JsonPath.numberAt('$.shard.start'),
      size: JsonPath.numberAt('$.shard.size'),
    };
    const recordFailure = new LambdaInvoke(this, 'RecordShardFailureTask', {
      stateName: RUN_STATES.recordFailure,
      lambdaFunction: props.worker,
      payload: TaskInput.fromObject({ ...shardTask, failure: { error: JsonPath.stringAt('$.failure.Error'), cause: JsonPath.stringAt('$.failure.Cause') } }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      // A child's output is one small object, so the map's result stays far below 256 KB.
      resultSelector: { 'records.$': '$.records' },
    }).addRetry({ ...transient, errors: ['States.ALL'], maxAttempts: 3 });

    const work = new LambdaInvoke(this, 'WorkShardTask', {
      stateName: RUN_STATES.work,
      lambdaFunction: props.worker,
      payload: TaskInput.fromObject(shardTask),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultSelector: { 'records.$': '$.records' },
    })
      .addRetry(transient)
      .addRetry({ errors: ['States.ALL'], interval: Duration.seconds(5), backoffRate: 2, maxAttempts: props.workerRetries ?? 2, jitterStrategy: JitterType.FULL })
      .addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });

    const shards = new DistributedMap(this, 'ShardsMap', {
      stateName: RUN_STATES.shards,
      label: RUN_STATES.shards,
      mapExecutionType: StateMachineType.STANDARD,
      itemReader: new S3JsonItemReader({ bucketNamePath: JsonPath.stringAt('$.prepared.bucket'), key: JsonPath.stringAt('$.prepared.shardIndexKey') }),
      maxConcurrencyPath: JsonPath.stringAt('$.prepared.maxConcurrency'),
      itemSelector: { runId: JsonPath.stringAt('$.prepared.runId'), shard: JsonPath.objectAt('$$.Map.Item.Value') },
      toleratedFailurePercentage: 100,
      // The children's results go to runs/<id>/map-results/ in S3, not into the state's output:
      // collected there they would pass Step Functions' 256 KiB payload limit at ~16,000 shards.
      resultWriterV2: new RunResultWriter(`${props.bucket.bucketArn}/${props.prefix}*/map-results/*`, {
        bucketNamePath: JsonPath.stringAt('$.prepared.bucket'),
        prefix: JsonPath.stringAt('$.prepared.resultPrefix'),
      }),
      resultPath: JsonPath.DISCARD,
    });
    shards.itemProcessor(work, { mode: ProcessorMode.DISTRIBUTED, executionType: ProcessorType.STANDARD });

    const seal = new LambdaInvoke(this, 'SealTask', {
      stateName: RUN_STATES.seal,
      lambdaFunction: props.seal,
      payload: TaskInput.fromObject({ runId: JsonPath.stringAt('$.prepared.runId') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: '$.sealed',
    }).addRetry(transient);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'Verdict run: prepare, run every shard (Distributed Map), seal',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(prepare.next(shards).next(seal)),
      timeout: props.timeout ?? Duration.days(7),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
    // The map reads each run's shard index, nothing else in the bucket.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [`${props.bucket.bucketArn}/${props.prefix}*/shards.json`] }),
    );
    this.acknowledge(props);
  }

  /** cdk-nag IAM5: each wildcard the workflow's role needs, with why it cannot be narrower. */
  private acknowledge(props: RunStateMachineProps): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(props.bucket.node.defaultChild as CfnElement);
    const reasons: Record<string, string> = {
      [`Resource::<${bucketId}.Arn>/${props.prefix}*/shards.json`]:
        '"*" is the run id: one workflow serves every run and run ids are made at submit time; only each run\'s shards.json is readable.',
      [`Resource::<${bucketId}.Arn>/${props.prefix}*/map-results/*`]:
        'The first "*" is the run id (made at submit time); the second is the map run\'s result files, which Step Functions names per map run.',
    };
    for (const fn of [props.prepare, props.worker, props.seal]) {
      const fnId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
      reasons[`Resource::<${fnId}.Arn>:*`] = 'Lambda invoke grants cover the function\'s versions and aliases (":*"); the function itself is named.';
    }
    // The Distributed Map describes, stops and redrives its own child executions, whose names Step Functions makes per map run.
    const machineId = stack.getLogicalId(this.stateMachine.node.defaultChild as CfnElement);
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
    const children = 'The Distributed Map describes, stops and redrives its own child executions of this state machine, whose names Step Functions generates per map run.';
    reasons[`Resource::${executions}:*`] = children;
    reasons[`Resource::${executions}/${RUN_STATES.shards}:*`] = children;
    reasons['Resource::*'] = 'X-Ray tracing and CloudWatch Logs delivery take no resource ARN (AWS documents "*" for PutTraceSegments, CreateLogDelivery and the like).';
    for (const [resource, reason] of Object.entries(reasons)) {
      Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[${resource}]`, reason });
    }
  }
}
