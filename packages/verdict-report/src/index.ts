// Public surface of @repro/verdict-report: pure functions from a verdict artefact or a cell's history to one HTML page.

export { renderCellHistoryReport } from './render-cell-history-report.js';
export { renderVerdictReport, type VerdictReportOptions } from './render-verdict-report.js';
export { type CanonicalHistoryEntry, type CellHistory, type CellHistoryInput, cellHistorySchema, type EpsProdRecord, epsProdRecordSchema } from './report-input/cell-history-schema.js';
export { type EnvelopeSamples, type EnvelopeSamplesInput, envelopeSamplesSchema } from './report-input/envelope-samples-schema.js';
export { type Localization, localizationSchema } from './report-input/localization-schema.js';
export { ReportInputError } from './report-input/report-input-error.js';
export { type VerdictArtefact, verdictArtefactSchema } from './report-input/verdict-artefact-schema.js';
