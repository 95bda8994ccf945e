/** ANSI styles for terminal output, or identity functions when colour is off. */
export interface Colours {
  readonly pass: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly skip: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const style = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/**
 * Colour only for people: on when the stream is a TTY, off under `NO_COLOR` (any non-empty
 * value, no-color.org) or `TERM=dumb`; `FORCE_COLOR=1` turns it on for a pipe (CI logs that render ANSI).
 */
export function coloursFor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): Colours {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  const enabled = (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb' && (forced || stream.isTTY === true);
  if (!enabled) return { pass: plain, fail: plain, skip: plain, dim: plain, bold: plain };
  return { pass: style(32, 39), fail: style(31, 39), skip: style(33, 39), dim: style(2, 22), bold: style(1, 22) };
}

/** Colour off, for tests and files. */
export const noColours: Colours = coloursFor({ isTTY: false }, {});
