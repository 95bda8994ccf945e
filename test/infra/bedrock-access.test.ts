import { describe, expect, it } from 'vitest';
import { VerdictStack } from '../../lib/infra/index.ts';
import { testApp, verdictTemplate } from './stack-fixture.ts';

const MODELS = ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-lite-v1:0'];

/** Bedrock statements of every IAM policy in the template, with CloudFormation intrinsics left as JSON. */
function bedrockStatements(props: ConstructorParameters<typeof VerdictStack>[2]) {
  const { stack, template } = verdictTemplate(props);
  const roleId = stack.getLogicalId(stack.worker.role.node.defaultChild as never);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { Roles: unknown; PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }[];
  return policies.flatMap((policy) =>
    policy.Properties.PolicyDocument.Statement.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('bedrock:'))).map((statement) => ({
      onWorker: JSON.stringify(policy.Properties.Roles).includes(roleId),
      actions: [statement.Action].flat().sort(),
      resources: JSON.stringify(statement.Resource),
    })),
  );
}

describe('Bedrock grant for the workers', () => {
  it('grants nothing on Bedrock when the stack names no models', () => {
    expect(bedrockStatements({})).toEqual([]);
  });

  it('lets only the worker invoke exactly the models named: a cross-region profile and its foundation model, a plain model id', () => {
    const statements = bedrockStatements({ bedrockModels: MODELS });
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement!.onWorker).toBe(true);
    expect(statement!.actions).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    expect(statement!.resources).toContain(':bedrock:*:');
    expect(statement!.resources).toContain(':inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(statement!.resources).toContain('::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(statement!.resources).toContain('::foundation-model/amazon.nova-lite-v1:0');
    expect(statement!.resources).not.toMatch(/foundation-model\/\*|"\*"/);
  });

  it('passes cdk-nag with the region wildcard acknowledged for each model', () => {
    const app = testApp({ nag: true });
    new VerdictStack(app, 'Verdict', { bedrockModels: [...MODELS, 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc'] });
    expect(() => app.synth()).not.toThrow();
  });
});
