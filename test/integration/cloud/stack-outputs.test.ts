import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCloudTarget, stackOutputs } from '../../../bin/commands/cloud-target.ts';
import { FAKE_CREDENTIALS } from '../../fixtures/s3-server.ts';

/** A local endpoint speaking CloudFormation's query protocol for DescribeStacks (the one call Verdict makes). */
let server: Server;
let endpoint: string;
const requests: string[] = [];

const RESPONSE = `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member>
    <StackName>Verdict</StackName><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime>
    <Outputs>
      <member><OutputKey>ResultsBucketName</OutputKey><OutputValue>verdict-results-abc</OutputValue></member>
      <member><OutputKey>RunStateMachineArn</OutputKey><OutputValue>arn:aws:states:us-east-1:123456789012:stateMachine:VerdictRuns-xyz</OutputValue></member>
      <member><OutputKey>ReportUrl</OutputKey><OutputValue>https://d111.cloudfront.net</OutputValue></member>
      <member><OutputKey>ReportBucketName</OutputKey><OutputValue>verdict-site-abc</OutputValue></member>
    </Outputs>
  </member></Stacks></DescribeStacksResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</DescribeStacksResponse>`;

const MISSING = `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id Nope does not exist</Message></Error><RequestId>2</RequestId>
</ErrorResponse>`;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = FAKE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = FAKE_CREDENTIALS.secretAccessKey;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push(body);
      const missing = body.includes('StackName=Nope');
      response.writeHead(missing ? 400 : 200, { 'content-type': 'text/xml' });
      response.end(missing ? MISSING : RESPONSE);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('stack outputs', () => {
  it('reads the bucket, run state machine and report URL from DescribeStacks', async () => {
    const outputs = await stackOutputs('Verdict', 'us-east-1', endpoint);
    expect(outputs).toMatchObject({ ResultsBucketName: 'verdict-results-abc', RunStateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:VerdictRuns-xyz' });
    expect(requests.at(-1)).toContain('Action=DescribeStacks');
  });

  it('fills only what the options and environment leave open', async () => {
    const target = await resolveCloudTarget({ stack: 'Verdict', region: 'us-east-1' }, { stateMachine: true }, { VERDICT_CLOUDFORMATION_ENDPOINT: endpoint });
    expect(target.store.locate('r1')).toBe('s3://verdict-results-abc/runs/r1');
    expect(target.stateMachine).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:VerdictRuns-xyz');
    expect(target.reportUrl).toBe('https://d111.cloudfront.net');
    const explicit = await resolveCloudTarget({ bucket: 'mine', stateMachine: 'arn:aws:states:us-east-1:1:stateMachine:m', region: 'us-east-1' }, { stateMachine: true }, {});
    expect(explicit.store.locate('r1')).toBe('s3://mine/runs/r1');
  });

  it('names the stack and the fix when it does not exist', async () => {
    await expect(stackOutputs('Nope', 'us-east-1', endpoint)).rejects.toThrow(/--stack Nope: cannot read the stack's outputs .*does not exist.*npx cdk deploy/);
  });
});
