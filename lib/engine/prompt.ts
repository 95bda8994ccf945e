import type { Sample } from '../datasets/index.ts';
import type { ChatMessage } from '../results/index.ts';
import { compileTemplate, type CompiledTemplate } from '../template/index.ts';

/** Turns a sample into the messages sent to a candidate. */
export interface PromptRenderer {
  render(sample: Sample): ChatMessage[];
}

/**
 * Compiles the spec's `prompt` (+ optional `system`) or its full `messages` list once.
 *
 * @example
 * createPromptRenderer({ prompt: 'Capital of {{country}}?' }).render(sample)
 * // [{ role: 'user', content: 'Capital of France?' }]
 */
export function createPromptRenderer(options: {
  prompt?: string;
  system?: string;
  messages?: readonly ChatMessage[];
}): PromptRenderer {
  const templates: { role: ChatMessage['role']; template: CompiledTemplate }[] = [];
  if (options.system !== undefined) templates.push({ role: 'system', template: compileTemplate(options.system, 'system') });
  if (options.messages) {
    for (const [index, message] of options.messages.entries()) {
      templates.push({ role: message.role, template: compileTemplate(message.content, `messages[${index}].content`) });
    }
  } else if (options.prompt !== undefined) {
    templates.push({ role: 'user', template: compileTemplate(options.prompt, 'prompt') });
  }
  return {
    render(sample) {
      return templates.map(({ role, template }) => ({ role, content: template.render(sample.data, sample.id) }));
    },
  };
}
