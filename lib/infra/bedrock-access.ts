import { Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';

/**
 * Geography prefixes of Bedrock's system-defined cross-region inference profiles
 * (`us.anthropic.claude-…`): such a profile routes to the same foundation model in several regions.
 */
const CROSS_REGION_PREFIX = /^(us|eu|apac|us-gov|jp|au|ca|global)\./;

/** The ARNs a worker needs to call one model id, inference profile id or ARN through Converse. */
export function bedrockModelArns(stack: Stack, model: string): string[] {
  if (model.startsWith('arn:')) return [model];
  const foundation = (id: string) => `arn:${stack.partition}:bedrock:*::foundation-model/${id}`;
  const profile = CROSS_REGION_PREFIX.exec(model);
  if (profile === null) return [foundation(model)];
  // Invoking a cross-region profile needs the profile and the model it routes to, in each region.
  return [`arn:${stack.partition}:bedrock:*:${stack.account}:inference-profile/${model}`, foundation(model.slice(profile[0].length))];
}

/**
 * One statement allowing Converse (`bedrock:InvokeModel`) and ConverseStream
 * (`bedrock:InvokeModelWithResponseStream`) on exactly the models named, nothing else.
 *
 * @example
 * bedrockInvokeStatement(stack, ['us.anthropic.claude-3-5-haiku-20241022-v1:0'])
 */
export function bedrockInvokeStatement(stack: Stack, models: readonly string[]): PolicyStatement {
  const resources = [...new Set(models.flatMap((model) => bedrockModelArns(stack, model)))].sort();
  return new PolicyStatement({ effect: Effect.ALLOW, actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources });
}

/**
 * Acknowledges cdk-nag's IAM5 finding for the region wildcard of each model ARN: a model id is
 * the same in every region, and cross-region inference profiles pick the region per request.
 */
export function acknowledgeBedrockAccess(role: IRole, statement: PolicyStatement): void {
  for (const resource of statement.resources) {
    const shown = resource.replace(Stack.of(role).partition, '<AWS::Partition>').replace(Stack.of(role).account, '<AWS::AccountId>');
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${shown}]`,
      reason: 'The region is "*": a Bedrock model id names one model in every region, and cross-region inference profiles choose the region per request; the model itself is named exactly.',
    });
  }
}
