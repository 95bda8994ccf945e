/** A CSV cell. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV. Text cells starting with =, +, -, @ (or tab/CR) get a leading apostrophe, so a
 * model output cannot become a spreadsheet formula when the file is opened (OWASP "CSV injection").
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const guarded = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Saves rows as a CSV file (a blob: download; nothing leaves the machine). */
export function downloadCsv(fileName: string, rows: readonly (readonly CsvCell[])[]): void {
  // BOM so spreadsheet apps read UTF-8 (Chinese text) correctly.
  const blob = new Blob(['\uFEFF', toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.setAttribute('href', url);
  link.setAttribute('download', fileName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
