/**
 * The report: reads result sets through the fs store and writes the static site that
 * `reports/` renders (or one self-contained HTML file), and serves it while runs change.
 */
export { buildReportIndex, type BuildIndexOptions } from './build-index.ts';
export { bundlePage, type PageBundle } from './bundle-page.ts';
export { collectRun, SAMPLE_CHUNK_SIZE, type ChunkSink, type RunSource } from './collect-run.ts';
export { digestDistribution, sharedEdges } from './distribution-digest.ts';
export { contentSecurityPolicy, cspHash, jsonForHtml, renderPageHtml, type DataBlock, type PageAssets } from './page-html.ts';
export * from './report-data.ts';
export { serveReport, type ReportServer, type ServeOptions } from './serve-report.ts';
export { writeReportSite, writeSingleFileReport, type ReportOutput } from './write-report.ts';
