export { evaluateGates } from './evaluate-gates.ts';
export { evaluateBaselineGate, formatP, type BaselineInput, type BaselineRun, type CurrentRun } from './baseline-gates.ts';
export { evaluateRunGates, type RunGateContext } from './run-gates.ts';
