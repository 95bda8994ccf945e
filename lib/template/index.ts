import { VerdictError } from '../errors/index.ts';

export { escapeRegExp } from './escape-regexp.ts';

/** A value rendered into a template: strings stay as they are, everything else becomes JSON. */
function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Reads a dotted path (`output.text`, `answer_info.ans0.1`) from a row, own properties only
 * (`{{constructor}}` or `{{__proto__}}` is a missing field, never Object's machinery).
 * Returns `undefined` when any step is missing.
 */
export function getPath(row: unknown, path: string): unknown {
  // One field, the usual case, without splitting: this runs several times per item (join keys, fields, templates).
  if (!path.includes('.')) return row !== null && typeof row === 'object' && Object.hasOwn(row, path) ? (row as Record<string, unknown>)[path] : undefined;
  let current: unknown = row;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

const PLACEHOLDER = /\{\{\s*([\w.$-]+)\s*\}\}/g;

/** A template compiled once and rendered for many rows. */
export interface CompiledTemplate {
  readonly source: string;
  /** Every field path the template reads. */
  readonly fields: readonly string[];
  /** Renders the template; a missing field throws `TEMPLATE_MISSING_FIELD` naming the sample. */
  render(row: Record<string, unknown>, sampleId: string): string;
}

/**
 * Compiles a `{{field}}` template with dotted paths into the row.
 *
 * @example
 * compileTemplate('Capital of {{country}}?').render({ country: 'France' }, 'cap-1') // 'Capital of France?'
 */
export function compileTemplate(source: string, where = 'template'): CompiledTemplate {
  const parts = source.split(PLACEHOLDER);
  const fields = parts.filter((_, index) => index % 2 === 1);
  return {
    source,
    fields,
    render(row, sampleId) {
      if (fields.length === 0) return source;
      let out = '';
      for (let index = 0; index < parts.length; index++) {
        const part = parts[index]!;
        if (index % 2 === 0) {
          out += part;
          continue;
        }
        const value = getPath(row, part);
        if (value === undefined || value === null) {
          throw new VerdictError(
            'TEMPLATE_MISSING_FIELD',
            `sample "${sampleId}": ${where} uses {{${part}}} but the row has no field "${part}"` +
              ` (fields: ${Object.keys(row).join(', ') || 'none'})`,
            { context: { sampleId, field: part, where } },
          );
        }
        out += stringifyValue(value);
      }
      return out;
    },
  };
}
