import { describeGate, gateStatus } from '../../lib/gate/index.ts';
import type { Summary } from '../../lib/results/index.ts';

/** `PASS  candidate: gate — reason` per gate, then the verdict in words. */
export function formatGateLines(summary: Summary): string {
  const lines = summary.gates.map((gate) => `  ${gateStatus(gate)}  ${gate.candidate}: ${describeGate(gate)} — ${gate.reason ?? ''}`);
  if (lines.length === 0) lines.push('  (no gates defined)');
  return ['gates:', ...lines, '', `verdict: ${summary.passed ? 'PASS' : 'FAIL'}`].join('\n');
}
