import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addVerdictChecks, VerdictStack, type VerdictStackProps } from '../../lib/infra/index.ts';

/** The feature flags `npx cdk synth` uses, so tests see the same template. */
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * A test app: bundling skipped (`aws:cdk:bundling-stacks: []`) and aws-cdk-lib's built-in
 * CloudFormation validation off (seconds and hundreds of MB per synth); the one real synth test
 * keeps both.
 */
export function testApp(options: { nag?: boolean } = {}): App {
  const app = new App({ builtinCloudFormationValidation: false, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  if (options.nag) addVerdictChecks(app);
  return app;
}

/** Synthesises a Verdict stack and returns its template. */
export function verdictTemplate(props: VerdictStackProps = {}): { stack: VerdictStack; template: Template } {
  const stack = new VerdictStack(testApp(), 'Verdict', props);
  return { stack, template: Template.fromStack(stack) };
}
