import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { VerdictError } from '../errors/index.ts';

/**
 * Reads model API keys. The secret is one JSON object of environment-variable names to values,
 * e.g. `{"OPENAI_API_KEY": "sk-..."}`, matching the candidates' `apiKeyEnv`. Values are never
 * logged, stored or put in an error message.
 */
export interface SecretsReader {
  read(secretId: string): Promise<Record<string, string>>;
}

/** The reader over AWS Secrets Manager. */
export function secretsManagerReader(client: SecretsManagerClient = new SecretsManagerClient({})): SecretsReader {
  return {
    async read(secretId) {
      let text: string | undefined;
      try {
        text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
      } catch (error) {
        throw new VerdictError('MISSING_SECRET', `secret ${secretId}: cannot read it (${(error as Error).name}); check the worker's role and the secret's name`, {
          cause: error,
        });
      }
      return parseSecretMap(text, secretId);
    },
  };
}

/** Parses a secret's JSON object of names to string values (the message never shows a value). */
export function parseSecretMap(text: string | undefined, secretId: string): Record<string, string> {
  const fail = () =>
    new VerdictError('MISSING_SECRET', `secret ${secretId}: expected a JSON object of environment-variable names to string values, e.g. {"OPENAI_API_KEY": "..."}`);
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw fail();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail();
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([, item]) => typeof item !== 'string')) throw fail();
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * Reads the secret once per container (cold start) and reuses it; without a secret id the
 * map is empty (controls and replays need no key).
 */
export function cachedSecrets(reader: SecretsReader, secretId: string | undefined): () => Promise<Record<string, string>> {
  let cached: Promise<Record<string, string>> | undefined;
  return () => {
    if (!secretId) return Promise.resolve({});
    cached ??= reader.read(secretId).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}
