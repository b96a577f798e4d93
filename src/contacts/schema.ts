/**
 * The schema of the organization's contacts file (CONTACTS_FILE). Values are shown in cards as text;
 * anything a chat platform would turn into a notification (Slack's <!channel>, <@U123>, @here, a
 * Teams <at> tag) is refused, so configuring a contact can never ping a whole channel.
 */
import { z } from 'zod';
import { CONTACTS } from '../core/catalog/schema.js';

/** longest name or channel reference shown in a card */
export const MAX_CONTACT_TEXT = 80;
/** longest link */
export const MAX_CONTACT_URL = 500;

// C0/C1 controls and bidi overrides: invisible, and able to reorder what a reader sees
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Slack escapes (<!here>, <@U1>, <#C1>, <!subteam^S1>) and Teams/HTML tags such as <at>, also as
// entities; a lone ">" stays allowed for paths such as "IT Helpdesk > Sign-in"
const TAG_OPEN = /<|&(lt|#0*60|#x0*3c);/i;
// @here, @channel, @everyone, @all, or any @handle at the start of a word (an email stays allowed)
const AT_MENTION = /(^|[^A-Za-z0-9._%+-])@[A-Za-z0-9]/;

/** text shown as is: one line, no mention syntax, no Markdown link syntax */
const shownText = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CONTACT_TEXT, `must be at most ${MAX_CONTACT_TEXT} characters`)
  .refine((v) => !INVISIBLE.test(v), 'must be one line without control characters')
  .refine(
    (v) => !TAG_OPEN.test(v),
    'must not contain < (mention syntax such as <!channel> or <at> would notify people); write the plain name, e.g. #it-helpdesk',
  )
  .refine(
    (v) => !AT_MENTION.test(v),
    'must not contain an @mention such as @here or @channel; write the plain name, e.g. #it-helpdesk or "IT Helpdesk > Sign-in"',
  )
  .refine(
    // "[EU] Helpdesk" is fine; "[text](link)" would render as a link
    (v) => !/\]\s*\(/.test(v),
    'must not contain Markdown links; put the link in url',
  );

const link = z
  .string({ error: 'must be text' })
  .trim()
  .max(MAX_CONTACT_URL, `must be at most ${MAX_CONTACT_URL} characters`)
  .refine((v) => {
    try {
      const u = new URL(v);
      return ['https:', 'http:', 'mailto:'].includes(u.protocol) && !INVISIBLE.test(v);
    } catch {
      return false;
    }
  }, 'must be an absolute https://, http:// or mailto: URL');

/** one role's contact */
export const orgContactSchema = z.strictObject(
  {
    name: shownText,
    channel: shownText.optional(),
    url: link.optional(),
  },
  { error: 'must be a mapping with name and optionally channel and url' },
);

/** the whole file: roles to contacts, at least one */
export const contactsFileSchema = z
  .partialRecord(z.enum(CONTACTS), orgContactSchema, {
    error: 'must be a mapping of roles to contacts',
  })
  .refine(
    (v) => Object.keys(v).length > 0,
    `names no role; list at least one of ${CONTACTS.join(', ')}`,
  );
