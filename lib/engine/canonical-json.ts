/** About how much canonical JSON {@link writeCanonicalJson} gathers before handing a chunk on. */
const CHUNK_CHARS = 65_536;

/**
 * JSON with object keys sorted at every depth, so equal objects always give equal text: the
 * text of `JSON.stringify` over objects rebuilt with their entries sorted by code unit (so, as in
 * any rebuilt object, integer-like keys come first in numeric order — digests sealed before this
 * writer streamed depend on that exact text).
 */
export function canonicalJson(value: unknown): string {
  const chunks: string[] = [];
  writeCanonicalJson(value, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * Writes the {@link canonicalJson} text of `value` to `write` in chunks of about 64 KB, so a
 * digest of a large manifest (a million sample ids) never holds the whole text, nor a sorted copy
 * of every object, at once.
 */
export function writeCanonicalJson(value: unknown, write: (chunk: string) => void): void {
  let pending = '';
  const emit = (text: string): void => {
    pending += text;
    if (pending.length >= CHUNK_CHARS) {
      write(pending);
      pending = '';
    }
  };
  // The `JSON.stringify` steps: a value's toJSON first; then undefined, functions and symbols are
  // left out of objects and written as null in arrays.
  const resolved = (key: string, raw: unknown): unknown =>
    raw !== null && typeof raw === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(key: string): unknown }).toJSON(key) : raw;
  const omitted = (item: unknown): boolean => item === undefined || typeof item === 'function' || typeof item === 'symbol';
  const visit = (item: unknown): void => {
    if (item === null || typeof item !== 'object') {
      emit(JSON.stringify(item));
      return;
    }
    if (Array.isArray(item)) {
      emit('[');
      for (let index = 0; index < item.length; index++) {
        if (index > 0) emit(',');
        const element = resolved(String(index), item[index]);
        if (omitted(element)) emit('null');
        else visit(element);
      }
      emit(']');
      return;
    }
    // Rebuilt as canonicalJson always did, so integer-like keys keep the engine's own order.
    const sorted = Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    emit('{');
    let first = true;
    for (const [key, raw] of Object.entries(sorted)) {
      const entry = resolved(key, raw);
      if (omitted(entry)) continue;
      emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      visit(entry);
    }
    emit('}');
  };
  const top = resolved('', value);
  if (!omitted(top)) visit(top);
  if (pending.length > 0) write(pending);
}
