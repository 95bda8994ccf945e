/**
 * The report: reads result sets through the fs store and writes the static site that
 * `reports/` renders (or one self-contained HTML file), and serves it while runs change.
 */
export { buildReportIndex } from './build-index.ts';
export { digestDistribution, sharedEdges } from './distribution-digest.ts';
export { contentSecurityPolicy, cspHash, jsonForHtml, renderPageHtml } from './page-html.ts';
export * from './report-data.ts';
export { serveReport, type ReportServer } from './serve-report.ts';
export { defaultSiteDir, writeReportSite, writeSingleFileReport } from './write-report.ts';
