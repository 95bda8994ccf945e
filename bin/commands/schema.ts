import { writeFile } from 'node:fs/promises';
import { evalSpecJsonSchema } from '../../lib/spec/index.ts';

/** `verdict schema [--out FILE]`: the JSON Schema of eval specs, for editor completion. */
export async function schemaCommand(options: { out?: string }): Promise<number> {
  const text = `${JSON.stringify(evalSpecJsonSchema(), null, 2)}\n`;
  if (options.out) await writeFile(options.out, text);
  else process.stdout.write(text);
  return 0;
}
