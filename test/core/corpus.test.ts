import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { extract } from '../../src/core/extract/extract.js';
import { handleMessage } from '../../src/core/handle.js';
import { knowledgeOf } from '../../src/core/knowledge.js';
import { fixtureCatalog, pastes } from './helpers.js';

const catalog = fixtureCatalog();
const corpus = pastes();

describe('paste corpus', () => {
  it('has positives and negatives for every shape', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((p) => p.codes.length === 0).length).toBeGreaterThanOrEqual(6);
  });

  for (const paste of corpus) {
    it(`${paste.name}: finds exactly ${JSON.stringify(paste.codes)}`, () => {
      const found = extract(paste.text, {
        encoding: paste.encoding,
        knowledge: knowledgeOf(catalog),
      });
      expect(found.codes.map((c) => c.code)).toEqual(paste.codes);
      expect(found.context).toEqual(paste.context);
      expect(found.truncated).toBe(false);
    });
  }

  for (const paste of corpus.filter((p) => p.codes.length === 0)) {
    it(`${paste.name}: the bot stays silent in a channel`, () => {
      const reply = handleMessage(
        { text: paste.text, surface: 'passive', encoding: paste.encoding },
        { catalog },
      );
      expect(reply).toEqual({ kind: 'none' });
    });
  }

  // the small catalog above holds only a few codes; a negative must also stay silent against
  // every code the bot knows (16000, 65001 and 500121 are as common in chatter as in sign-ins)
  const full = loadCatalog();
  for (const paste of corpus.filter((p) => p.codes.length === 0)) {
    it(`${paste.name}: the bot stays silent in a channel with the full catalog`, () => {
      const reply = handleMessage(
        { text: paste.text, surface: 'passive', encoding: paste.encoding },
        { catalog: full },
      );
      expect(reply).toEqual({ kind: 'none' });
    });
  }

  for (const paste of corpus.filter((p) => p.codes.length > 0)) {
    it(`${paste.name}: a channel message gets an explanation`, () => {
      const reply = handleMessage(
        { text: paste.text, surface: 'passive', encoding: paste.encoding },
        { catalog },
      );
      expect(reply.kind).toBe('explain');
      if (reply.kind === 'explain') expect(reply.codes.map((c) => c.code)).toEqual(paste.codes);
    });
  }
});
