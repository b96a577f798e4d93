/**
 * Loads the organization's contacts file once at startup. Every problem is reported with the file,
 * the role and the field, so the operator knows what to fix before the bot starts.
 */
import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { CONTACTS } from '../core/catalog/schema.js';
import type { OrgContact, OrgContacts } from '../core/reply.js';
import { contactsFileSchema } from './schema.js';

/** a contacts file the bot cannot use; the message names file, role and field */
export class ContactsError extends Error {
  readonly code = 'CONTACTS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ContactsError';
  }
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const [role, field] = issue.path.map(String);
  if (role === undefined) return `${file}: the file ${issue.message}`;
  if (issue.code === 'unrecognized_keys') {
    return `${file}: role "${role}": unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; use name, channel and url`;
  }
  if (field === undefined) return `${file}: role "${role}" ${issue.message}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${file}: role "${role}", field "${field}" is missing`;
  }
  return `${file}: role "${role}", field "${field}" ${issue.message}`;
}

/** validates already-parsed YAML; `file` only labels the messages */
export function parseContacts(data: unknown, file: string): OrgContacts {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const unknown = Object.keys(data).filter((k) => !(CONTACTS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new ContactsError(
        `Invalid contacts file:\n  ${unknown.map((role) => `${file}: role "${role}" is unknown; use one of ${CONTACTS.join(', ')}`).join('\n  ')}`,
      );
    }
  }
  const result = contactsFileSchema.safeParse(data ?? undefined);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => describeIssue(file, issue));
    throw new ContactsError(`Invalid contacts file:\n  ${[...new Set(lines)].join('\n  ')}`);
  }
  const contacts: OrgContacts = {};
  // keep the catalog's role order and drop absent optional fields
  for (const role of CONTACTS) {
    const entry = result.data[role];
    if (!entry) continue;
    const contact: OrgContact = { name: entry.name };
    if (entry.channel !== undefined) contact.channel = entry.channel;
    if (entry.url !== undefined) contact.url = entry.url;
    contacts[role] = Object.freeze(contact);
  }
  return Object.freeze(contacts);
}

/** reads and validates the contacts file (CONTACTS_FILE); throws ContactsError naming what to fix */
export function loadContacts(file: string): OrgContacts {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    throw new ContactsError(
      code === 'ENOENT'
        ? `${file}: contacts file not found; fix CONTACTS_FILE or leave it empty to show generic roles`
        : `${file}: contacts file cannot be read (${typeof code === 'string' ? code : 'error'})`,
    );
  }
  let data: unknown;
  try {
    data = parse(text, { uniqueKeys: true, maxAliasCount: 0 });
  } catch (error: unknown) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    const why = error instanceof YAMLParseError ? ` (${error.code})` : '';
    throw new ContactsError(`${file}: not valid YAML${where}${why}`);
  }
  return parseContacts(data, file);
}
