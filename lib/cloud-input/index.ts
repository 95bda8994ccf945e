/**
 * A cloud run's input under `runs/<id>/input/`: the layout and schema of request.json, the upload
 * the CLI does and the download the Lambdas do. Shared by both sides, so neither imports the other.
 */
export { collectRunInput, loadRunInput, uploadRunInput } from './input-transfer.ts';
export { inputLayout } from './run-input.ts';
