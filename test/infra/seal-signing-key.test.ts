import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { SealSigningKey } from '../../lib/infra/index.ts';
import { testApp } from './stack-fixture.ts';

function build(): { template: Template; seal: SealSigningKey; stack: Stack } {
  const stack = new Stack(testApp(), 'Seal');
  const seal = new SealSigningKey(stack, 'SealKey', { alias: 'alias/verdict-seal' });
  const aggregator = new Role(stack, 'Aggregator', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  seal.grantSign(aggregator);
  return { template: Template.fromStack(stack), seal, stack };
}

describe('SealSigningKey: the KMS key that signs seals in the cloud', () => {
  it('is an asymmetric P-256 signing key, retained with the stack', () => {
    const { template } = build();
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/verdict-seal' });
  });

  it('grants the aggregator kms:Sign on that key and nothing else', () => {
    const { template, seal, stack } = build();
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]);
    expect(statements).toEqual([{ Action: 'kms:Sign', Effect: 'Allow', Resource: stack.resolve(seal.key.keyArn) }]);
  });
});
