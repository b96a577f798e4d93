/**
 * Triage summary → Adaptive Card 1.5 from the constant template cards/triage.json. Data enters
 * only through `Template.expand({ $root })`; every string is made inert first (Markdown, links,
 * template syntax), and application names, which come from the file, are also defanged.
 * See https://learn.microsoft.com/adaptive-cards/templating/
 */
import { readFileSync } from 'node:fs';
import { projectFile } from '../core/assets.js';
import type { Locale } from '../core/reply.js';
import type { TriageSummary } from '../core/triage/types.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { SEVERITY_STYLE } from './card-model.js';
import { inertFragment, inertText } from './safe-text.js';
import { expandPrepared } from './template-cache.js';
import { TRIAGE_CHAT_CAPS, triageView } from './triage-view.js';

let template: unknown;

function loadTriageTemplate(): unknown {
  template ??= JSON.parse(readFileSync(projectFile('cards', 'triage.json'), 'utf8')) as unknown;
  return template;
}

const LEVEL_STYLE = {
  alert: { style: 'attention', color: 'attention' },
  notice: { style: 'warning', color: 'warning' },
  ignore: { style: 'default', color: 'default' },
} as const;

/** the data bound to cards/triage.json (exported for the template test) */
export function triageCardData(summary: TriageSummary, locale: Locale) {
  const view = triageView(summary, locale);
  const w = view.words;
  return {
    fallback: inertText(`${view.title}: ${view.subtitle}`, 200),
    title: inertText(view.title, 100),
    subtitle: inertText(view.subtitle, 200),
    facts: view.facts.map((f) => ({
      title: inertText(f.title, 80),
      value: inertText(f.value, 80),
    })),
    patternsHeading: inertText(w.patterns, 80),
    hasNoPatterns: view.patterns.length === 0,
    noPatterns: inertText(w.noPatterns, 200),
    patterns: view.patterns.map((p) => ({
      ...LEVEL_STYLE[p.level],
      heading: inertText(p.heading, 150),
      explanation: inertText(p.explanation, 600),
      evidence: inertText(p.evidence, 400),
      nextStep: inertText(`\u2192 ${p.nextStep}`, 600),
    })),
    codesHeading: inertText(w.codes, 80),
    hasNoCodes: view.codes.length === 0,
    noFailures: inertText(w.noFailures, 80),
    codes: view.codes.map((c) => ({
      code: c.code,
      count: c.count,
      color: c.severity === 'unknown' ? 'default' : SEVERITY_STYLE[c.severity].color,
      meaning: inertText(c.meaning, TRIAGE_CHAT_CAPS.meaning),
      detail: inertText(c.detail, 200),
    })),
    hasApps: view.apps.length > 0,
    appsHeading: inertText(w.applications, 80),
    apps: view.apps.map((a) => ({
      name: inertFragment(a.name, TRIAGE_CHAT_CAPS.appName),
      value: inertText(a.value, 40),
    })),
    notes: view.notes.map((text) => ({ text: inertText(text, 400) })),
  };
}

/** the Adaptive Card for a triage summary (Teams) */
export function toTriageAdaptiveCard(summary: TriageSummary, locale: Locale = 'en'): AdaptiveCard {
  return expandPrepared(
    'triage',
    loadTriageTemplate,
    triageCardData(summary, locale),
  ) as AdaptiveCard;
}
