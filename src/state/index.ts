/** shared state used by the chat adapters */
export type { DedupeStore, MemoryDedupeOptions } from './dedupe-store.js';
export { createMemoryDedupeStore } from './dedupe-store.js';
