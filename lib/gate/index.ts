export { evaluateGates } from './evaluate-gates.ts';
