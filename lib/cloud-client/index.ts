/**
 * What `verdict run --cloud` and `verdict cloud …` run on the submitter's machine: upload the run
 * input, then start, watch, redrive and stop the run's Step Functions execution.
 */
export { submitRunInput } from './submit-run.ts';
export {
  executionArnOf,
  readExecutionProgress,
  redriveRunExecution,
  startRunExecution,
  stopRunExecution,
  waitForExecution,
  type ExecutionProgress,
} from './run-execution.ts';
