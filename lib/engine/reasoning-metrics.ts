import type { Metric, ResultRecord } from '../results/index.ts';
import { proportion } from './candidate-metrics.ts';

/**
 * Reasoning kept apart from answers (`record.reasoning`): `reasoning.rate`, the share of answered
 * items that came with reasoning (Wilson interval), and `tokens.reasoning`, the reasoning tokens
 * counted (server counts, else local ones; `n` = the items with a count). Empty without reasoning.
 */
export class ReasoningAccumulator {
  private answered = 0;
  private withReasoning = 0;
  private tokens = 0;
  private counted = 0;
  private readonly sources = new Map<string, number>();

  add(record: ResultRecord): void {
    if (record.error) return;
    this.answered++;
    const reasoning = record.reasoning;
    if (!reasoning) return;
    this.withReasoning++;
    this.sources.set(reasoning.source, (this.sources.get(reasoning.source) ?? 0) + 1);
    if (reasoning.tokens !== null) {
      this.tokens += reasoning.tokens;
      this.counted++;
    }
  }

  metrics(): Record<string, Metric> {
    if (this.withReasoning === 0) return {};
    return {
      'reasoning.rate': { ...proportion(this.withReasoning, this.answered), kind: 'reasoning', sources: Object.fromEntries(this.sources) },
      ...(this.counted > 0 && { 'tokens.reasoning': { kind: 'tokens', value: this.tokens, n: this.counted, mean: this.tokens / this.counted } }),
    };
  }
}
