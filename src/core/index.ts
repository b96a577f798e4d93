/** The public API of the core: catalog, extraction, the intent handler, triage, stats and localization. */
export {
  type Catalog,
  CatalogLoadError,
  createCatalog,
  defaultCatalogFile,
  loadCatalog,
} from './catalog/load.js';
export { extract } from './extract/extract.js';
export { capInput, MAX_CHAT_CHARS, unescapeSlack, unescapeTeamsHtml } from './extract/normalize.js';
export type { Extraction, ExtractOptions, FoundRef, Via } from './extract/types.js';
export { lookupUrl } from './found-code.js';
export { type HandlerDeps, handleMessage } from './handle.js';
export { type CoreMessages, format, messages } from './i18n/messages.js';
export { resolveLocale } from './i18n/resolve-locale.js';
export { slowDownReply } from './notice.js';
export * from './reply.js';
export { isStatsRequest, STATS_MAX_ROWS, type StatsSummary, statsReply } from './stats.js';
export * from './triage/index.js';
