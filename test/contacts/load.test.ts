import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ContactsError, loadContacts, parseContacts } from '../../src/contacts/index.js';
import { CONTACTS } from '../../src/core/catalog/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'aadsts-contacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const path = join(dir, `contacts-${++n}.yaml`);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): ContactsError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof ContactsError) return error;
    throw error;
  }
  throw new Error('expected a ContactsError');
}

describe('loadContacts', () => {
  it('loads the committed example with every role', () => {
    const example = fileURLToPath(new URL('../../contacts.example.yaml', import.meta.url));
    const contacts = loadContacts(example);
    expect(Object.keys(contacts)).toEqual([...CONTACTS]);
    expect(contacts.user).toEqual({
      name: 'IT Service Desk',
      channel: '#it-helpdesk',
      url: 'https://servicedesk.contoso.example/sign-in',
    });
    expect(contacts['tenant-admin']?.channel).toBe('IT Helpdesk > Entra ID');
    expect(contacts['app-owner']).not.toHaveProperty('channel');
  });

  it('accepts a single role and trims values', () => {
    const contacts = loadContacts(file('tenant-admin:\n  name: "  Identity team  "\n'));
    expect(contacts).toEqual({ 'tenant-admin': { name: 'Identity team' } });
    expect(Object.isFrozen(contacts)).toBe(true);
  });

  it('names the file, the role and the field of every problem', () => {
    const path = file(
      [
        'tenant-admin:',
        '  channel: "#id"',
        'app-owner:',
        '  name: Apps',
        '  url: ftp://files.example',
        'idp:',
        '  name: Fed',
        '  phone: "555"',
      ].join('\n'),
    );
    const error = errorOf(() => loadContacts(path));
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toContain(`${path}: role "tenant-admin", field "name" is missing`);
    expect(error.message).toContain(`${path}: role "app-owner", field "url" must be an absolute`);
    expect(error.message).toContain(`${path}: role "idp": unknown field "phone"`);
  });

  it('names an unknown role and lists the valid ones', () => {
    const error = errorOf(() => loadContacts(file('admins:\n  name: IT\n')));
    expect(error.message).toContain('role "admins" is unknown; use one of user, tenant-admin');
  });

  it.each([
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0123ABCD>',
    '<#C0123ABCD>',
    '<!subteam^S0123>',
    '<at>IT Helpdesk</at>',
    '&lt;at&gt;IT&lt;/at&gt;',
    '@here',
    '@channel',
    '@everyone',
    'please ping @helpdesk',
    'IT (@all)',
  ])('refuses mention syntax %j in channel and name', (value) => {
    const channel = errorOf(() =>
      parseContacts({ user: { name: 'Desk', channel: value } }, 'c.yaml'),
    );
    expect(channel.message).toMatch(/role "user", field "channel" must not contain/);
    const name = errorOf(() => parseContacts({ 'tenant-admin': { name: value } }, 'c.yaml'));
    expect(name.message).toMatch(/role "tenant-admin", field "name" must not contain/);
  });

  it('keeps plain channel names, Teams paths and email addresses', () => {
    const contacts = parseContacts(
      {
        user: {
          name: 'Helpdesk (helpdesk@contoso.example)',
          channel: 'IT > Sign-in',
          url: 'mailto:helpdesk@contoso.example',
        },
        idp: { name: '[EU] Fed team', channel: '#fed-team' },
      },
      'c.yaml',
    );
    expect(contacts.user?.channel).toBe('IT > Sign-in');
    expect(contacts.idp).toEqual({ name: '[EU] Fed team', channel: '#fed-team' });
  });

  it('refuses multi-line, control-character, Markdown-link and overlong values', () => {
    for (const name of [
      'Line one\nLine two',
      'Desk\u202e',
      '[click](https://evil.example)',
      'x'.repeat(81),
    ]) {
      const error = errorOf(() => parseContacts({ user: { name } }, 'c.yaml'));
      expect(error.message).toContain('role "user", field "name"');
    }
    const js = errorOf(() =>
      parseContacts({ user: { name: 'D', url: 'javascript:alert(1)' } }, 'c.yaml'),
    );
    expect(js.message).toContain('field "url"');
  });

  it('reports a missing file with the variable to fix', () => {
    const error = errorOf(() => loadContacts(join(dir, 'nope.yaml')));
    expect(error.message).toContain('nope.yaml: contacts file not found; fix CONTACTS_FILE');
  });

  it('reports bad YAML with its line, an empty file, a list and duplicate roles', () => {
    expect(errorOf(() => loadContacts(file('user:\n  name: [unclosed\n'))).message).toMatch(
      /not valid YAML at line \d+, column \d+/,
    );
    expect(errorOf(() => loadContacts(file(''))).message).toContain('must be a mapping of roles');
    expect(errorOf(() => loadContacts(file('- user\n'))).message).toContain('must be a mapping');
    expect(
      errorOf(() => loadContacts(file('user:\n  name: A\nuser:\n  name: B\n'))).message,
    ).toContain('not valid YAML');
    expect(errorOf(() => loadContacts(file('user: Desk\n'))).message).toContain(
      'role "user" must be a mapping with name',
    );
  });
});
