import { z } from 'zod';
import { DEFAULT_RETRY_POLICY } from './backoff.ts';
import { defineProviderDefinition } from './definition.ts';

/** '' (an unset `${ENV}`) means "not given". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Parameters of a `bedrock` candidate. Unknown keys are errors. */
export const BedrockProviderParamsSchema = z.strictObject({
  /** A Bedrock model id (`anthropic.claude-3-5-haiku-20241022-v1:0`), an inference profile id (`us.…`) or an ARN. */
  model: z.string().min(1),
  /** AWS region; defaults to the SDK's chain (AWS_REGION, the profile's region). */
  region: optionalText,
  /** Another endpoint (a VPC endpoint, a local server); defaults to the region's Bedrock Runtime. */
  endpoint: optionalText,
  /** temperature, max_tokens|maxTokens, top_p|topP, stop|stopSequences → inferenceConfig; the rest → additionalModelRequestFields. */
  params: z.record(z.string(), z.unknown()).default({}),
  /** ConverseStream instead of Converse: measures TTFT. */
  stream: z.boolean().default(false),
  label: z.string().optional(),
  /** Back-off between retries. @default { baseMs: 250, capMs: 20000 } */
  backoff: z
    .strictObject({
      baseMs: z.number().nonnegative().default(DEFAULT_RETRY_POLICY.baseMs),
      capMs: z.number().nonnegative().default(DEFAULT_RETRY_POLICY.capMs),
    })
    .optional(),
});

/** Any Amazon Bedrock model through the Converse API; the client is lib/providers/bedrock.ts. */
export const bedrockDefinition = defineProviderDefinition({
  id: 'bedrock',
  description: 'Any Amazon Bedrock model or inference profile through the Converse API',
  kind: 'model',
  params: BedrockProviderParamsSchema,
});
