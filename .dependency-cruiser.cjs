/**
 * The layer rules `npm run lint` checks (docs/architecture.md, "Layers"). Imports that TypeScript
 * erases (`import type`) count too: a type-only cycle still ties two modules together.
 */
const CORE = '^lib/(spec|stats|engine|gate|results|scorers|datasets|template|errors|ports)/';
const ADAPTERS = '^lib/(providers|store|run|execution|local|infra|cloud-client|cloud-input|cloud-lambda|sandbox|cache|report)/';
/** Node and SDK modules that reach the outside world: the core gets them only through ports. */
const IO_MODULES = '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads)$|^@aws-sdk/|^aws-cdk-lib|^constructs$|^openai$|^undici';
/** The core's edge: the files that read a spec and a dataset (and its rows, by offset) from disk. */
const CORE_FILE_READERS = '^lib/(spec/load-spec-file|datasets/load-dataset|datasets/read-rows|datasets/dataset-rows|datasets/line-locations)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form a graph without cycles: each can be understood and tested without the ones that use it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-adapter',
      severity: 'error',
      comment: 'The pure core never imports an adapter (providers, store, run, execution, local, cloud-*, sandbox, cache, report, infra).',
      from: { path: CORE },
      to: { path: ADAPTERS },
    },
    {
      name: 'core-imports-no-io',
      severity: 'error',
      comment: 'The pure core does no I/O of its own (files, network, processes, AWS); it gets the world through ports.',
      from: { path: CORE, pathNot: CORE_FILE_READERS },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: IO_MODULES },
    },
    {
      name: 'through-index-only',
      severity: 'error',
      comment: "A module's files import another module only through its index.ts, so each module's public surface is one file.",
      from: { path: '^lib/([^/]+)/' },
      to: { path: '^lib/[^/]+/', pathNot: ['^lib/$1/', '^lib/[^/]+/index\\.ts$'] },
    },
    {
      name: 'entry-points-through-index-only',
      severity: 'error',
      comment: 'bin/ and lambdas/ use lib/ modules through their index.ts as well.',
      from: { path: '^(bin|lambdas)/' },
      to: { path: '^lib/[^/]+/', pathNot: '^lib/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(lib|bin|lambdas|node_modules|node:)|^[a-z_]+$',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['es6'],
  },
};
