import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { VerdictStack } from '../../lib/infra/index.ts';
import { testApp } from './stack-fixture.ts';

const stack = new VerdictStack(testApp(), 'Verdict', { codeSandbox: { reservedConcurrency: 7 } });
const template = Template.fromStack(stack);
const sandbox = stack.codeSandbox!;
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

function policyOf(roleId: string): { Action: string | string[]; Resource: unknown }[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('CodeSandbox: the Lambda functions that run model code', () => {
  it('puts both functions (Python and Node) in isolated subnets only, behind a group that allows nothing out', () => {
    for (const fn of [sandbox.python, sandbox.javascript]) {
      const props = template.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties;
      expect(props.VpcConfig.SubnetIds.length).toBe(2);
      expect(props.ReservedConcurrentExecutions).toBe(7);
      expect(props.Timeout).toBeLessThanOrEqual(90);
    }
    expect(template.findResources('AWS::Lambda::Function')[logicalId(sandbox.python)]!.Properties.Runtime).toMatch(/^python3\./);
    expect(template.findResources('AWS::Lambda::Function')[logicalId(sandbox.javascript)]!.Properties.Runtime).toMatch(/^nodejs/);
    // No way out of the VPC: no internet or NAT gateway, no VPC endpoints, no route to 0.0.0.0/0.
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    expect(Object.values(template.findResources('AWS::EC2::Route'))).toEqual([]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Verdict code sandbox: no inbound, no outbound',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
  });

  it('gives each function a role that may write its own logs and attach to the VPC, nothing else', () => {
    for (const fn of [sandbox.python, sandbox.javascript]) {
      const roleId = template.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties.Role['Fn::GetAtt'][0] as string;
      const role = template.findResources('AWS::IAM::Role')[roleId]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const actions = policyOf(roleId).flatMap((statement) => [statement.Action].flat());
      const allowed = /^(logs:(CreateLogStream|PutLogEvents)|ec2:(CreateNetworkInterface|DescribeNetworkInterfaces|DeleteNetworkInterface|AssignPrivateIpAddresses|UnassignPrivateIpAddresses))$/;
      for (const action of actions) expect(action, `sandbox role action ${action}`).toMatch(allowed);
      expect(actions.some((action) => action.startsWith('s3:') || action.startsWith('secretsmanager:'))).toBe(false);
      // Without these Lambda cannot attach the function to its subnets, and the deploy fails.
      expect(actions).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']));
    }
  });

  it('lets the workers invoke the sandbox functions and tells them their names', () => {
    const workerRole = stack.getLogicalId(stack.worker.role.node.defaultChild as never);
    const invoke = policyOf(workerRole).filter((statement) => [statement.Action].flat().includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke)).toContain(logicalId(sandbox.python));
    expect(JSON.stringify(invoke)).toContain(logicalId(sandbox.javascript));
    const worker = template.findResources('AWS::Lambda::Function')[stack.getLogicalId(stack.worker.function.node.defaultChild as never)]!;
    expect(Object.keys(worker.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['VERDICT_SANDBOX_PYTHON_FUNCTION', 'VERDICT_SANDBOX_JAVASCRIPT_FUNCTION']));
  });

  it('passes cdk-nag with a reason for every acknowledgement', () => {
    const app = testApp({ nag: true });
    const nagged = new VerdictStack(app, 'Verdict', { codeSandbox: true });
    expect(() => app.synth()).not.toThrow();
    const acknowledged = nagged.codeSandbox!.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });

  it('is not deployed unless asked for', () => {
    expect(new VerdictStack(testApp(), 'Plain').codeSandbox).toBeUndefined();
  });
});
