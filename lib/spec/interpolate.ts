import { VerdictError } from '../errors/index.ts';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g;
/** Names that hold credentials: they must reach providers through `apiKeyEnv`, never the spec. */
const SECRET_NAME = /(KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL)/i;

/** True for an environment variable name that looks like a credential (never interpolated, never uploaded). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Replaces `${VAR}`, `${VAR:-default}` and `${VAR:?message}` in every string of a parsed spec.
 * An unset `${VAR}` becomes "" (so an optional `baseURL` can stay empty); `:?` makes it required.
 * Secret-looking variables are refused, because the resolved spec is stored in the result set.
 */
export function interpolateEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, path = ''): unknown {
  if (typeof value === 'string') return interpolateString(value, env, path);
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnv(item, env, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, path ? `${path}.${key}` : key)]),
    );
  }
  return value;
}

function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  return text.replace(REFERENCE, (_match, name: string, operator?: string, argument?: string) => {
    if (isSecretName(name)) {
      throw new VerdictError(
        'SPEC_INVALID',
        `${path}: \${${name}} looks like a secret; secrets never go into a spec (it is stored with the results). ` +
          `Name the variable with apiKeyEnv: ${name} instead`,
        { context: { key: path, variable: name } },
      );
    }
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (operator === ':-') return argument ?? '';
    if (operator === ':?') {
      throw new VerdictError('SPEC_INVALID', `${path}: environment variable ${name} is not set${argument ? ` (${argument})` : ''}`, {
        context: { key: path, variable: name },
      });
    }
    return '';
  });
}
