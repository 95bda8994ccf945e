import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricDefinition, metricDefinitions } from '../../../lib/report/metric-definitions.ts';

const DOCS = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'metrics.md'), 'utf8');

/** The metric names the index table of docs/metrics.md lists (first column, in backticks). */
function indexedNames(): string[] {
  const index = DOCS.slice(DOCS.indexOf('## Index of metric names'), DOCS.indexOf('\n## 1.'));
  return index
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

/** A concrete metric name for a docs pattern: `latency.{mean,p50}_ms` → `latency.mean_ms`, `score.<id>` → `score.x`. */
function concrete(name: string): string {
  return name.replace(/\{([^,}]+)[^}]*\}/, '$1').replace('<id>', 'includes').replace('*', 'p50').replace('pass@k', 'pass@4');
}

describe('metric definitions (kept with docs/metrics.md)', () => {
  it('defines every metric the docs index names', () => {
    const names = indexedNames();
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) {
      const definition = metricDefinition(concrete(name));
      expect(definition, name).not.toBeNull();
      expect(definition!.definition.length, name).toBeGreaterThan(20);
      expect(definition!.limitation.length, name).toBeGreaterThan(20);
    }
  });

  it('cites only sections that exist in docs/metrics.md', () => {
    for (const definition of metricDefinitions()) {
      for (const section of definition.sections) expect(DOCS, `${definition.name} §${section}`).toMatch(new RegExp(`^##+ ${section.replace('.', '\\.')}[ .]`, 'm'));
    }
  });

  it('tells apart metrics that share a prefix, and knows nothing of an invented name', () => {
    expect(metricDefinition('fairness.disparate_impact')!.limitation).toContain('four-fifths');
    expect(metricDefinition('fairness.parity_difference')!.definition).toContain('Highest minus lowest');
    expect(metricDefinition('accuracy.bbq.ambig')!.name).toBe('accuracy.bbq.ambig, accuracy.bbq.disambig');
    expect(metricDefinition('accuracy')!.name).toBe('accuracy');
    expect(metricDefinition('latency.p95_ms')!.sections).toEqual(['6.1', '6.3']);
    expect(metricDefinition('made.up')).toBeNull();
  });
});
