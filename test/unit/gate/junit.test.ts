import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, formatJUnit } from '../../../lib/gate/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { releaseSummary } from '../../fixtures/summaries/release-summary.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'testcase' || name === 'property' });

function parse(xml: string) {
  // Validation on: a malformed document throws instead of parsing leniently.
  return parser.parse(xml, true) as { testsuites: { '@tests': string; '@failures': string; '@skipped': string; testsuite: { testcase: Record<string, unknown>[]; properties: { property: Record<string, string>[] } } } };
}

describe('JUnit XML of the gates', () => {
  it('has one testcase per gate, with counts a JUnit reader understands', () => {
    const doc = parse(formatJUnit(releaseSummary));
    expect(doc.testsuites['@tests']).toBe('5');
    expect(doc.testsuites['@failures']).toBe('2');
    expect(doc.testsuites['@skipped']).toBe('1');
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases.map((testcase) => testcase['@name'])).toEqual([
      'model-new: accuracy >= 0.8',
      'model-new: accuracy (ci_low) >= 0.8',
      'model-new: accuracy drop vs base-run <= 0.02 (α = 0.05)',
      '*: score.exact drop vs baseline <= 0.02 (α = 0.05)',
      'oracle: latency.p95_ms <= 500',
    ]);
    expect(cases[0]!.failure).toBeUndefined();
    expect(cases[3]!.skipped).toEqual({ '@message': 'skipped: no earlier sealed run' });
  });

  it('puts the value and threshold of a failed gate in its failure', () => {
    const failure = parse(formatJUnit(releaseSummary)).testsuites.testsuite.testcase[1]!.failure as Record<string, string>;
    expect(failure['@message']).toBe('accuracy (ci_low) = 0.6396 fails >= 0.8');
    expect(failure['@type']).toBe('GateFailed');
    expect(failure['#text']).toContain('value: 0.6396');
    expect(failure['#text']).toContain('threshold: >= 0.8');
  });

  it('escapes markup and quotes so the reason comes back verbatim', () => {
    const failure = parse(formatJUnit(releaseSummary)).testsuites.testsuite.testcase[4]!.failure as Record<string, string>;
    expect(failure['@message']).toBe('latency.p95_ms has no value for "oracle" <check> & fix | spec');
  });

  it('replaces characters XML 1.0 forbids instead of writing an unreadable file', () => {
    expect(escapeXml('a\u0000b\u001Bc')).toBe('a\uFFFDb\uFFFDc');
    const summary: Summary = { ...releaseSummary, gates: [{ ...releaseSummary.gates[1]!, reason: 'bad\u0007byte' }] };
    expect(() => parse(formatJUnit(summary))).not.toThrow();
  });

  it('records the run in suite properties', () => {
    const properties = parse(formatJUnit(releaseSummary)).testsuites.testsuite.properties.property;
    expect(properties).toContainEqual({ '@name': 'runId', '@value': '20260101-120000-release-gate-ab12' });
    expect(properties).toContainEqual({ '@name': 'verdict', '@value': 'FAIL' });
  });
});
