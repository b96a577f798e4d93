import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/reply.js';
import { loadTemplate, toAdaptiveCard } from '../../src/render/adaptive-card.js';
import { severalData, unknownData } from '../../src/render/card-data.js';
import { commonData, explanationData } from '../../src/render/card-model.js';
import { expandPrepared } from '../../src/render/template-cache.js';
import { explainReply, knownCode, SAMPLE_CONTEXT, testCatalog, unknownCode } from './helpers.js';

const { data } = testCatalog();
// every seventh entry keeps the test quick while covering all severities and contact mixes
const sample = Object.values(data.codes).filter((_, i) => i % 7 === 0);
// biome-ignore lint/suspicious/noTemplateCurlyInString: user-like text that must stay inert
const org = { 'tenant-admin': { name: 'IT ${name} desk', channel: '#it-help' } };

/** what the engine produces with a template built for this one call */
function fresh(name: 'explanation' | 'several' | 'unknown', root: object): unknown {
  return new Template(loadTemplate(name)).expand({ $root: root });
}

describe('prepared templates', () => {
  for (const locale of LOCALES) {
    it(`expand exactly like a fresh template (${locale})`, () => {
      for (const entry of sample) {
        const code = knownCode(entry, locale);
        const common = commonData(locale, [code.code], SAMPLE_CONTEXT, ['jwt'], true, []);
        const root = explanationData(code, common, org, locale);
        const load = () => loadTemplate('explanation');
        expect(expandPrepared('test-explanation', load, root)).toEqual(fresh('explanation', root));
      }
      const codes = sample.slice(0, 8).map((e) => knownCode(e, locale));
      const common = commonData(locale, [1, 2], {}, [], false, ['note']);
      const several = severalData([...codes, unknownCode(99999)], common, locale);
      expect(expandPrepared('test-several', () => loadTemplate('several'), several)).toEqual(
        fresh('several', several),
      );
      const unknown = unknownData(unknownCode(99998, codes[0]), common, locale);
      expect(expandPrepared('test-unknown', () => loadTemplate('unknown'), unknown)).toEqual(
        fresh('unknown', unknown),
      );
    });
  }

  it('loads a template once and keeps results independent of each other', () => {
    let loads = 0;
    // a tiny constant template written in the engine's own syntax
    const template = JSON.parse(
      '{"type":"TextBlock","text":"$\u007btitle}","items":[{"$data":"$\u007brows}","text":"$\u007b$data}"}]}',
    ) as unknown;
    const load = () => {
      loads++;
      return template;
    };
    const first = expandPrepared('test-once', load, { title: 'a', rows: ['x', 'y'] });
    const second = expandPrepared('test-once', load, { title: 'b', rows: ['z'] });
    expect(loads).toBe(1);
    expect(first).toEqual({ type: 'TextBlock', text: 'a', items: [{ text: 'x' }, { text: 'y' }] });
    expect(second).toEqual({ type: 'TextBlock', text: 'b', items: [{ text: 'z' }] });
    (second as { text: string }).text = 'changed';
    expect(expandPrepared('test-once', load, { title: 'c', rows: [] })).toMatchObject({
      text: 'c',
    });
  });

  it('renders the same card whether the engine is warm or not', () => {
    const [a, b] = sample.map((e) => knownCode(e, 'en'));
    if (a === undefined || b === undefined) throw new Error('catalog too small');
    const one = explainReply([a], 'en', { orgContacts: org });
    const two = explainReply([b], 'en');
    const firstOne = toAdaptiveCard(one);
    toAdaptiveCard(two);
    expect(toAdaptiveCard(one)).toEqual(firstOne);
    const common = commonData('en', [a.code], SAMPLE_CONTEXT, [], false, []);
    expect(firstOne).toEqual(fresh('explanation', explanationData(a, common, org, 'en')));
    expect(JSON.stringify(firstOne)).not.toContain('${');
  });
});
