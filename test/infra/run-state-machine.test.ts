import aslValidator from 'asl-validator';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LAMBDA_TRANSIENT_ERRORS, RUN_STATES } from '../../lib/infra/index.ts';
import { renderDefinition, workflowFunctionIds } from '../fixtures/state-machine-definition.ts';
import { verdictTemplate } from './stack-fixture.ts';

const { stack, template } = verdictTemplate();
const ids = workflowFunctionIds(stack);
const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const definition = renderDefinition(template, { [ids.prepare]: arn('prepare'), [ids.worker]: arn('worker'), [ids.seal]: arn('seal') });
const shards = definition.States[RUN_STATES.shards]!;
const processor = shards.ItemProcessor!;
const work = processor.States[RUN_STATES.work]!;
const machineId = stack.getLogicalId(stack.runs.stateMachine.node.defaultChild as never);

describe('the run state machine definition', () => {
  it('is valid Amazon States Language (asl-validator)', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('an invalid definition is caught by the same validator (the check can fail)', () => {
    const broken = structuredClone(definition);
    delete broken.States[RUN_STATES.shards]!.ItemProcessor;
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('runs Prepare → Shards (Distributed Map) → Seal', () => {
    expect(definition.StartAt).toBe(RUN_STATES.prepare);
    expect(definition.States[RUN_STATES.prepare]).toMatchObject({ Type: 'Task', Resource: arn('prepare'), ResultPath: '$.prepared', Next: RUN_STATES.shards });
    expect(shards).toMatchObject({ Type: 'Map', Next: RUN_STATES.seal, ResultPath: null, Label: RUN_STATES.shards });
    expect(definition.States[RUN_STATES.seal]).toMatchObject({ Type: 'Task', Resource: arn('seal'), End: true, Parameters: { 'runId.$': '$.prepared.runId' } });
  });

  it('reads the shard index from S3 where Prepare wrote it, as wide as Prepare says', () => {
    expect(shards.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.prepared.bucket', 'Key.$': '$.prepared.shardIndexKey' },
    });
    expect(shards.MaxConcurrencyPath).toBe('$.prepared.maxConcurrency');
    expect(shards.MaxConcurrency).toBeUndefined();
    expect(shards.ItemSelector).toEqual({ 'runId.$': '$.prepared.runId', 'shard.$': '$$.Map.Item.Value' });
  });

  it('exports the children’s results to the run’s map-results/ prefix (ResultWriter), so the map’s output cannot pass 256 KiB', () => {
    expect(shards.ResultWriter).toEqual({
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { 'Bucket.$': '$.prepared.bucket', 'Prefix.$': '$.prepared.resultPrefix' },
    });
  });

  it('runs each shard as a STANDARD child (redrivable, longer than EXPRESS allows) and tolerates every failure so Seal always runs', () => {
    expect(processor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(shards.ToleratedFailurePercentage).toBe(100);
    expect(processor.StartAt).toBe(RUN_STATES.work);
    expect(work).toMatchObject({
      Type: 'Task',
      Resource: arn('worker'),
      Parameters: { schemaVersion: 1, 'runId.$': '$.runId', 'shardId.$': '$.shard.id', 'start.$': '$.shard.start', 'size.$': '$.shard.size' },
    });
  });

  it('retries Lambda throttling and service errors with capped exponential back-off and full jitter, then the worker’s own errors', () => {
    const [transient, own] = work.Retry!;
    expect(transient).toEqual({ ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' });
    expect(transient!.ErrorEquals).toContain('Lambda.TooManyRequestsException');
    expect(own).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 2, JitterStrategy: 'FULL' });
    for (const state of [definition.States[RUN_STATES.prepare]!, definition.States[RUN_STATES.seal]!]) expect(state.Retry?.[0]).toEqual(transient);
  });

  it('catches a shard that keeps failing and has the worker write its items as error records', () => {
    expect(work.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: RUN_STATES.recordFailure }]);
    expect(processor.States[RUN_STATES.recordFailure]).toMatchObject({
      Type: 'Task',
      Resource: arn('worker'),
      End: true,
      Parameters: { 'shardId.$': '$.shard.id', failure: { 'error.$': '$.failure.Error', 'cause.$': '$.failure.Cause' } },
    });
  });
});

describe('the run state machine resource', () => {
  it('is STANDARD, logs ALL with execution data to its own retained log group, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.runs.logGroup.node.defaultChild as never), 'Arn'] } } }],
      },
    });
    expect(template.findResources('AWS::Logs::LogGroup')[stack.getLogicalId(stack.runs.logGroup.node.defaultChild as never)]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('may invoke the three workflow functions only, read only runs/*/shards.json, write only runs/*/map-results/, and manage only its own executions', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(stack.getLogicalId(stack.runs.stateMachine.role.node.defaultChild as never)))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const invoke = statements.filter((statement) => [statement.Action].flat().includes('lambda:InvokeFunction'));
    const invoked = JSON.stringify(invoke.map((statement) => statement.Resource));
    for (const id of Object.values(ids)) expect(invoked).toContain(id);
    const s3 = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')));
    const objects = (suffix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(stack.results.bucket.node.defaultChild as never), 'Arn'] }, suffix]] });
    expect(s3).toEqual([
      { Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'], Effect: 'Allow', Resource: objects('/runs/*/map-results/*') },
      { Action: 's3:GetObject', Effect: 'Allow', Resource: objects('/runs/*/shards.json') },
    ]);
    const states = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('states:')));
    expect(states.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(['states:DescribeExecution', 'states:RedriveExecution', 'states:StartExecution', 'states:StopExecution']);
    for (const statement of states) expect(JSON.stringify(statement.Resource)).toContain(machineId);
  });

  it('gives Prepare the shard index and manifest, and Seal kms:Sign on the stack’s seal key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Verdict seal'),
      Environment: { Variables: Match.objectLike({ VERDICT_SEAL_KMS_KEY_ID: { 'Fn::GetAtt': [stack.getLogicalId(stack.sealKey.key.node.defaultChild as never), 'Arn'] } }) },
    });
    const policyOf = (role: { node: { defaultChild?: unknown } }) =>
      JSON.stringify(Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes(stack.getLogicalId(role.node.defaultChild as never))));
    expect(policyOf(stack.seal.role)).toContain('kms:Sign');
    expect(policyOf(stack.seal.role)).toContain('run.lock');
    expect(policyOf(stack.prepare.role)).toContain('/runs/*/shards.json');
    expect(policyOf(stack.prepare.role)).not.toContain('kms:');
    expect(policyOf(stack.worker.role)).not.toContain('kms:');
  });

  it('outputs the state machine the CLI starts', () => {
    expect(template.findOutputs('RunStateMachineArn')).toMatchObject({ RunStateMachineArn: { Value: { Ref: machineId } } });
  });
});
