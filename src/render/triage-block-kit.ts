/**
 * Triage summary → Slack Block Kit, from the same capped view as the Adaptive Card. Our own words
 * go through mrkdwnText, application names (from the file) into code spans, so nothing can format,
 * link or ping. Limits come from LIMITS (slack-text.ts).
 * See https://api.slack.com/reference/block-kit/blocks
 */
import type { Locale } from '../core/reply.js';
import type { TriageSummary } from '../core/triage/types.js';
import type { SlackMessage } from './block-kit.js';
import { SEVERITY_STYLE } from './card-model.js';
import { codeSpan, LIMITS, mrkdwnText, plainWithin } from './slack-text.js';
import { TRIAGE_CHAT_CAPS, triageView } from './triage-view.js';

const LEVEL_ICON = { alert: '\u{1f6a8}', notice: '\u26a0\ufe0f', ignore: '\u2139\ufe0f' } as const;

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, LIMITS.text) } };
}

function context(lines: string[]): Record<string, unknown> {
  return {
    type: 'context',
    elements: lines
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn', text: t.slice(0, LIMITS.text) })),
  };
}

/** the Block Kit message for a triage summary (Slack) */
export function toTriageBlockKit(summary: TriageSummary, locale: Locale = 'en'): SlackMessage {
  const view = triageView(summary, locale);
  const w = view.words;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: plainWithin(view.title, LIMITS.header) } },
    context([mrkdwnText(view.subtitle, 200)]),
    {
      type: 'section',
      fields: view.facts.slice(0, LIMITS.fields).map((f) => ({
        type: 'mrkdwn',
        text: `*${mrkdwnText(f.title, 80)}*\n${mrkdwnText(f.value, 80)}`,
      })),
    },
    { type: 'divider' },
    section(`*${mrkdwnText(w.patterns, 80)}*`),
  ];
  if (view.patterns.length === 0) blocks.push(section(mrkdwnText(w.noPatterns, 200)));
  for (const p of view.patterns) {
    blocks.push(
      section(
        [
          `${LEVEL_ICON[p.level]} *${mrkdwnText(p.heading, 150)}*`,
          mrkdwnText(p.explanation, 600),
          `_${mrkdwnText(p.evidence, 400)}_`,
          `\u2192 ${mrkdwnText(p.nextStep, 600)}`,
        ].join('\n'),
      ),
    );
  }
  blocks.push({ type: 'divider' });
  const codeLines = view.codes.map((c) => {
    const icon = c.severity === 'unknown' ? '\u26aa' : SEVERITY_STYLE[c.severity].icon;
    return `${icon} *${c.code}* \u00d7 ${c.count} \u2014 ${mrkdwnText(c.meaning, TRIAGE_CHAT_CAPS.meaning)}\n      _${mrkdwnText(c.detail, 200)}_`;
  });
  blocks.push(
    section(
      [
        `*${mrkdwnText(w.codes, 80)}*`,
        ...(codeLines.length > 0 ? codeLines : [mrkdwnText(w.noFailures, 80)]),
      ].join('\n'),
    ),
  );
  if (view.apps.length > 0) {
    const apps = view.apps.map(
      (a) => `${codeSpan(a.name, TRIAGE_CHAT_CAPS.appName)} ${mrkdwnText(a.value, 40)}`,
    );
    blocks.push(section([`*${mrkdwnText(w.applications, 80)}*`, ...apps].join('\n')));
  }
  blocks.push(context(view.notes.map((n) => mrkdwnText(n, 400))));
  const t = summary.totals;
  const fallback = `${view.title}: ${t.rows} ${w.rows.toLowerCase()}, ${t.failures} ${w.failures.toLowerCase()}, ${summary.patterns.length} ${w.patterns.toLowerCase()}`;
  return {
    text: plainWithin(fallback, LIMITS.fallbackText),
    blocks: blocks.slice(0, LIMITS.blocks),
  };
}
