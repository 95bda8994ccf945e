export { datasetFormats } from './formats.ts';
export { loadDataset, resolveDatasetFiles, type LoadedDataset } from './load-dataset.ts';
export type { Sample } from './sample.ts';
export type { SampleList } from './sample-list.ts';
export { BBQ_DEFAULT_PROMPT } from './bbq.ts';
export { expandPerturbations } from './perturbations/expand-perturbations.ts';
export { type BbqAnswerKind, type BbqItem, answerKind, mapBbqAnswer, readBbqItem } from './bbq-item.ts';
export { CODE_LANGUAGES, CODE_TASK_FIELD, type CodeLanguage, type CodeTask, buildTestProgram, readCodeTask } from './code-task.ts';
export { DatasetSpecSchema } from './dataset-spec.ts';
