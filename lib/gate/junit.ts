import type { GateResult, Summary } from '../results/index.ts';
import { describeGate, formatValue, gateStatus } from './describe-gate.ts';

/**
 * The gates of a summary as JUnit XML, one `<testcase>` per evaluated gate, so any CI that reads
 * JUnit (GitHub Actions reporters, GitLab, Jenkins, Buildkite) shows each gate as a test. A failed
 * gate is a `<failure>` whose message is the gate's reason and whose body has the value and
 * threshold; a skipped baseline gate is `<skipped>`. Layout after the de-facto schema of the
 * Ant/Surefire reporters (`testsuites > testsuite > testcase > failure|skipped`, `properties`).
 * Built by hand (no XML dependency at run time); {@link escapeXml} escapes text and attributes.
 */
export function formatJUnit(summary: Summary): string {
  const cases = summary.gates.map((gate) => testCase(summary, gate));
  const failures = summary.gates.filter((gate) => gateStatus(gate) === 'FAIL').length;
  const skipped = summary.gates.filter((gate) => gateStatus(gate) === 'SKIP').length;
  const counts = `tests="${summary.gates.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const stamp = summary.finishedAt ? ` timestamp="${escapeXml(summary.finishedAt)}"` : '';
  const properties = [
    ['runId', summary.runId],
    ['spec', summary.spec.name],
    ['spec.sha256', summary.spec.sha256],
    ['dataset.sha256', summary.dataset.sha256],
    ['verdict', summary.passed ? 'PASS' : 'FAIL'],
  ]
    .map(([name, value]) => `      <property name="${escapeXml(name!)}" value="${escapeXml(value!)}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="verdict" ${counts}>`,
    `  <testsuite name="${escapeXml(`verdict gates: ${summary.spec.name}`)}" ${counts}${stamp}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(summary: Summary, gate: GateResult): string {
  const open = `    <testcase classname="${escapeXml(`verdict.${summary.spec.name}.${gate.candidate}`)}" name="${escapeXml(`${gate.candidate}: ${describeGate(gate)}`)}" time="0"`;
  const status = gateStatus(gate);
  if (status === 'PASS') return `${open}/>`;
  const reason = gate.reason ?? `${gate.metric} ${gate.op} ${gate.threshold}`;
  if (status === 'SKIP') return `${open}>\n      <skipped message="${escapeXml(reason)}"/>\n    </testcase>`;
  const body = [`candidate: ${gate.candidate}`, `metric: ${gate.metric}`, `value: ${formatValue(gate.value)}`, `threshold: ${gate.op} ${gate.threshold}`];
  if (gate.kind === 'baseline' && typeof gate.pValue === 'number') body.push(`p-value: ${formatValue(gate.pValue)}`);
  body.push(`reason: ${reason}`);
  return `${open}>\n      <failure message="${escapeXml(reason)}" type="GateFailed">${escapeXml(body.join('\n'))}</failure>\n    </testcase>`;
}

/**
 * Escapes text for XML content and attribute values (XML 1.0 §2.4, §3.3.3): the five predefined
 * entities, newlines and tabs in attributes as character references (so attribute normalisation
 * keeps them), and characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) replaced by U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
