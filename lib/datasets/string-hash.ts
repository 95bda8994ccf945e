/** FNV-1a (32-bit) over a string's UTF-16 code units: the hash of the typed-array id tables (sample order, replay index). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash;
}
