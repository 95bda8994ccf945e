import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { verdictTemplate } from './stack-fixture.ts';

const { stack, template } = verdictTemplate({ workerReservedConcurrency: 10 });
const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }>;
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const bucketId = logicalId(stack.results.bucket);

/** The policy statements attached to a function's role. */
function statementsOf(role: { node: { defaultChild?: unknown } }): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  const roleId = logicalId(role as never);
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}

function actionsOn(statements: ReturnType<typeof statementsOf>, fragment: string): string[] {
  return statements
    .filter((statement) => JSON.stringify(statement.Resource).includes(fragment))
    .flatMap((statement) => [statement.Action].flat())
    .sort();
}

describe('results bucket', () => {
  it('blocks public access, enforces owner, encrypts, versions, logs and is retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'results/' }),
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } })]) },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(resources('AWS::S3::Bucket')[bucketId]!.Properties.ObjectLockEnabled).toBeUndefined();
  });

  it('refuses plain HTTP and TLS below 1.2 in its bucket policy', () => {
    const policy = Object.values(resources('AWS::S3::BucketPolicy')).find((candidate) => JSON.stringify(candidate.Properties.Bucket).includes(bucketId))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
  });

  it('turns on Object Lock with the audit retention when asked', () => {
    const locked = verdictTemplate({ auditRetentionDays: 365, auditRetentionMode: 'COMPLIANCE' });
    const bucket = (locked.template.findResources('AWS::S3::Bucket') as Record<string, { Properties: Record<string, unknown> }>)[
      locked.stack.getLogicalId(locked.stack.results.bucket.node.defaultChild as never)
    ]!;
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } });
    expect(() => verdictTemplate({ auditRetentionDays: 0 })).toThrow(/auditRetentionDays must be a whole number/);
  });

  it('sends no bucket events anywhere: the S3-event aggregator is gone (Seal aggregates)', () => {
    const buckets = Object.entries(resources('AWS::S3::Bucket'));
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    for (const [id, bucket] of buckets) expect(bucket.Properties.NotificationConfiguration, id).toBeUndefined();
    // Bucket.addEventNotification would add this custom resource and its handler function.
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    expect(Object.keys(template.toJSON().Resources as object).filter((id) => /BucketNotifications/.test(id))).toEqual([]);
  });
});

describe('functions', () => {
  it('run Node.js 24 on arm64 with their own log groups', () => {
    const functions = Object.values(resources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    }
  });

  it('reserves worker concurrency, gives it 15 minutes, and names the API-key secret', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('worker'),
      ReservedConcurrentExecutions: 10,
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ VERDICT_SECRET_ID: { Ref: logicalId(stack.apiKeys) }, VERDICT_PREFIX: 'runs/' }) },
    });
    expect(() => verdictTemplate({ workerReservedConcurrency: 0 })).toThrow(/workerReservedConcurrency/);
  });

});

describe('IAM', () => {
  it('uses no managed policies, no wildcard actions and no "*" resources but for the ones AWS defines without ARNs', () => {
    for (const role of Object.values(resources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    // X-Ray tracing and CloudWatch Logs delivery of the state machine have no resource-level permissions.
    const arnless = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(Create|Delete|Get|Update)LogDelivery|logs:ListLogDeliveries|logs:PutResourcePolicy|logs:DescribeResourcePolicies|logs:DescribeLogGroups)$/;
    for (const policy of Object.values(resources('AWS::IAM::Policy'))) {
      for (const statement of (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
        if ([statement.Resource].flat().includes('*')) for (const action of [statement.Action].flat()) expect(action).toMatch(arnless);
      }
    }
  });

  it('lets the worker read its run’s input, manifest and summary and write only records (and the shared response cache)', () => {
    const statements = statementsOf(stack.worker.role);
    expect(actionsOn(statements, '/response-cache/*')).toEqual(['s3:GetObject', 's3:PutObject']);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('worker'),
      Environment: { Variables: Match.objectLike({ VERDICT_CACHE_PREFIX: 'response-cache/' }) },
    });
    expect(actionsOn(statements, '/runs/*/input/*')).toEqual(['s3:GetObject']);
    expect(actionsOn(statements, '/runs/*/manifest.json')).toEqual(['s3:GetObject']);
    expect(actionsOn(statements, '/runs/*/summary.json')).toEqual(['s3:GetObject']);
    expect(actionsOn(statements, '/runs/*/records/*')).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    expect(actionsOn(statements, logicalId(stack.apiKeys))).toEqual(['secretsmanager:GetSecretValue']);
    expect(actionsOn(statements, logicalId(stack.worker.logGroup))).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    // Nothing else on S3: the run statements above, the cache's get and put, ListBucket for 404s.
    expect(statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('s3:')).sort()).toEqual([
      's3:AbortMultipartUpload',
      's3:GetObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
      's3:PutObject',
    ]);
  });

});

describe('report site', () => {
  it('serves a private bucket through CloudFront with Origin Access Control, HTTPS only, with security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'") }),
        }),
      }),
    });
    const siteBucketId = logicalId(stack.site.bucket);
    const policy = Object.values(resources('AWS::S3::BucketPolicy')).find((candidate) => JSON.stringify(candidate.Properties.Bucket).includes(siteBucketId))!;
    const grant = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement.find((statement) => statement.Effect === 'Allow')!;
    expect(grant.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(grant.Action).toBe('s3:GetObject');
    expect(JSON.stringify(grant.Condition)).toContain('AWS:SourceArn');
  });

  it('outputs the bucket, the run state machine and the report URL, and has no queue or S3-event rule left', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ResultsBucketName', 'RunStateMachineArn', 'ReportUrl', 'ApiKeysSecretArn', 'ReportBucketName', 'SealKeyArn']));
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
  });
});
