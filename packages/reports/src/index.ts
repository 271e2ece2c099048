export { EmptyStoreError, SECTION_IDS, UnknownSweepError, indexEntries, renderIndexPage, renderReports, renderSweepPage, sweepFileName } from './render.ts';
export type { IndexEntry, RenderReportsOptions, SweepPageOptions } from './render.ts';
export { loadSweepData, sweptParams, thinSeries } from './sweep-data.ts';
export type { HyperAxis, ReportRun, SweepData } from './sweep-data.ts';
export {
  BLURRY_ACTIVE_FRACTION, BLURRY_NATS_PER_PIXEL, COLLAPSE_KL_NATS, EXPLODING_GRAD_NORM, GRAD_SPIKE_RATIO, PARTIAL_COLLAPSE_ACTIVE_FRACTION,
  PRIOR_HOLE_FD_RATIO, diagnoseRun,
} from './diagnosis.ts';
export type { DiagnosisInput, Finding, FindingKind } from './diagnosis.ts';
export { EXPLORER_WEIGHT_ENCODING, ExplorerUnsupportedError, explorerModel } from './explorer-data.ts';
export type { ExplorerLayer, ExplorerModel } from './explorer-data.ts';
export { SafeHtml, escapeHtml, html, jsonForScript, raw } from './html.ts';
export type { HtmlValue } from './html.ts';
export { aggregate, aggregateSummaries, mean, std } from './stats.ts';
export type { Aggregate } from './stats.ts';
export { configurationAggregates } from './sections/runs-table.ts';
export type { ConfigurationAggregate } from './sections/runs-table.ts';
