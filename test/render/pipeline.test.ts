import { describe, expect, it } from 'vitest';
import { handleMessage, loadCatalog } from '../../src/core/index.js';
import { toAdaptiveCard } from '../../src/render/adaptive-card.js';
import { toBlockKit } from '../../src/render/block-kit.js';
import { LIMITS } from '../../src/render/slack-text.js';
import { schemaErrors, sdkIssues } from './helpers.js';

// real pastes through the real handler, so the renderers see exactly what the adapters will hand them
const PASTES = [
  'AADSTS53003: Access has been blocked by Conditional Access policies.\nTrace ID: 0b2f7a1c-5d3e-4f60-9a8b-7c6d5e4f3a21\nCorrelation ID: 4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11\nTimestamp: 2026-11-23 09:12:44Z',
  'users see AADSTS50076 and AADSTS700016 and AADSTS7000215 since the change',
  'what is AADSTS700096?',
  'AADSTS50126 Correlation ID: [Reset password](https://evil.example) <at>IT</at> <!channel>',
  `AADSTS50126${'\n'.repeat(5000)}`,
  'help',
  'nothing to see here',
];

describe('handler → renderers', () => {
  const catalog = loadCatalog();
  for (const locale of ['en-US', 'zh-CN']) {
    it(`renders every sample paste in ${locale} as a valid card and a bounded Slack message`, () => {
      for (const text of PASTES) {
        const reply = handleMessage({ text, locale, surface: 'direct' }, { catalog });
        expect(reply.kind).not.toBe('none');
        if (reply.kind === 'none') continue;
        const card = toAdaptiveCard(reply);
        expect(sdkIssues(card)).toEqual([]);
        expect(schemaErrors(card)).toEqual([]);
        const json = JSON.stringify(card);
        expect(json).not.toContain('${');
        expect(json).not.toContain('https://evil.example');
        const slack = toBlockKit(reply);
        expect(JSON.stringify(slack).length).toBeLessThan(LIMITS.message);
        expect(JSON.stringify(slack)).not.toContain('<!channel>');
      }
    });
  }
});
