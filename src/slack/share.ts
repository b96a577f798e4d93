/**
 * The "Share in channel" button carries what is needed to post the same answer again: the codes, the
 * sign-in IDs and the locale, as compact JSON (Slack allows 2000 characters in a button value). The
 * pasted text itself is not stored, so a token pasted by mistake never travels in a button.
 */
import { z } from 'zod';
import type { Reply, SignInContext } from '../core/reply.js';

/** Slack's limit for a button value */
export const SHARE_VALUE_MAX = 2000;
const MAX_CODES = 20;
const MAX_FIELD = 200;

const field = z.string().max(MAX_FIELD).optional();
const shareSchema = z.object({
  v: z.literal(1),
  l: z.enum(['en', 'zh-CN']),
  c: z.array(z.number().int().nonnegative().max(99_999_999)).min(1).max(MAX_CODES),
  x: z
    .object({
      traceId: field,
      correlationId: field,
      requestId: field,
      timestamp: field,
      appId: field,
    })
    .strict()
    .optional(),
});

/** what a share button carries */
export type SharePayload = z.infer<typeof shareSchema>;

type ExplainReply = Extract<Reply, { kind: 'explain' }>;

function compactContext(context: SignInContext): SignInContext | undefined {
  const out: SignInContext = {};
  for (const key of ['traceId', 'correlationId', 'requestId', 'timestamp', 'appId'] as const) {
    const value = context[key];
    if (typeof value === 'string' && value.length <= MAX_FIELD) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** the button value for an explain reply, always within Slack's limit */
export function encodeShare(reply: ExplainReply): string {
  const payload: SharePayload = {
    v: 1,
    l: reply.locale,
    c: reply.codes.slice(0, MAX_CODES).map((found) => found.code),
  };
  const context = compactContext(reply.context);
  const withContext = JSON.stringify(context ? { ...payload, x: context } : payload);
  // the sign-in IDs are a courtesy; drop them rather than exceed the limit
  return withContext.length <= SHARE_VALUE_MAX ? withContext : JSON.stringify(payload);
}

/** reads a button value back; undefined when it is not one of ours */
export function decodeShare(value: string | undefined): SharePayload | undefined {
  if (!value || value.length > SHARE_VALUE_MAX) return undefined;
  try {
    const parsed = shareSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // not JSON: a value we did not write
    return undefined;
  }
}

/** the text handed back to the core to rebuild the answer: one code per line */
export function shareText(payload: SharePayload): string {
  return payload.c.map((code) => `AADSTS${code}`).join('\n');
}
