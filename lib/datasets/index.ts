export { datasetFormats, type DatasetFormat, type RowLocation } from './formats.ts';
export { hashFile, loadDataset, resolveDatasetFiles, type LoadedDataset } from './load-dataset.ts';
export { readCsvRows, readJsonlRows, type ParsedRow } from './read-rows.ts';
export type { Sample } from './sample.ts';
export { expandCounterfactual, type CounterfactualInfo } from './counterfactual.ts';
export { bbqFormat, BBQ_DEFAULT_PROMPT } from './bbq.ts';
export { expandPerturbations, type PerturbationInfo } from './perturbations/expand-perturbations.ts';
export { codeFormat, humanevalFormat, mbppFormat, CODE_DEFAULT_PROMPT, HUMANEVAL_DEFAULT_PROMPT, MBPP_DEFAULT_PROMPT } from './code-formats.ts';
