import { describe, expect, it } from 'vitest';
import { formatMarkdownSummary } from '../../../lib/gate/index.ts';
import { releaseSummary } from '../../fixtures/summaries/release-summary.ts';

describe('Markdown summary', () => {
  it('matches the reviewed snapshot of a known summary', async () => {
    await expect(formatMarkdownSummary(releaseSummary)).toMatchFileSnapshot('./__snapshots__/release-summary.md');
  });

  it('opens with the verdict', () => {
    expect(formatMarkdownSummary(releaseSummary).split('\n')[0]).toBe('## ❌ Verdict: FAIL — `release-gate`');
    expect(formatMarkdownSummary({ ...releaseSummary, passed: true, gates: [] })).toContain('No gates are defined');
  });

  it('escapes table pipes and tag-like text in reasons so a row keeps its columns and text', () => {
    const row = formatMarkdownSummary(releaseSummary).split('\n').find((line) => line.includes('&lt;check>'))!;
    expect(row).toContain('&lt;check> & fix \\| spec');
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });
});
