/** The small test catalog shared with the core tests. */
import { readFileSync } from 'node:fs';
import { type Catalog, createCatalog } from '../../../src/core/catalog/load.js';
import { catalogSchema } from '../../../src/core/catalog/schema.js';

/** test/fixtures/core/catalog.json, validated */
export function testCatalog(): Catalog {
  const url = new URL('../../fixtures/core/catalog.json', import.meta.url);
  return createCatalog(catalogSchema.parse(JSON.parse(readFileSync(url, 'utf8'))));
}
