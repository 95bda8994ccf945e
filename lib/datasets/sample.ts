/**
 * One dataset row, ready to be planned. Ids are stable: the row's id field when present,
 * else the 1-based line (or record) number in its file.
 */
export interface Sample {
  readonly id: string;
  /** The row as read (after any format adapter), the source of every `{{field}}`. */
  readonly data: Record<string, unknown>;
  /** The file and 1-based line the row came from, for error messages. */
  readonly source: { readonly file: string; readonly line: number };
  /** Grouping used for `byCategory` metrics. */
  readonly category?: string;
  /** Cluster for clustered standard errors (e.g. a template id). */
  readonly cluster?: string;
}
