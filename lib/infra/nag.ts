import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AWS Solutions checks on the whole app at synth time (cdk-nag 3 is a policy
 * validation plugin: any unacknowledged finding, warning or error, fails the synth). Every
 * acknowledgement lives beside the construct it concerns, with its reason.
 */
export function addVerdictChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
