import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { VerdictStack } from '../../lib/infra/index.ts';
import { testApp } from './stack-fixture.ts';

describe('cdk-nag AwsSolutionsChecks on the whole app', () => {
  it('leaves zero unacknowledged findings, and every acknowledgement has a reason', () => {
    const app = testApp({ nag: true });
    new VerdictStack(app, 'Verdict', { workerReservedConcurrency: 10, auditRetentionDays: 30 });
    expect(() => app.synth()).not.toThrow();
    const acknowledgements = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(10);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, `${id} needs a reason`).toBeGreaterThan(40);
    }
  });

  it('fails the synth on an unacknowledged finding (the checks really run)', () => {
    const app = testApp({ nag: true });
    const stack = new VerdictStack(app, 'Verdict');
    new Bucket(stack, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });
});
