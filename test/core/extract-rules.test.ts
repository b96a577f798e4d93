import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract/extract.js';
import type { CodeKnowledge } from '../../src/core/extract/types.js';
import { knowledgeOf } from '../../src/core/knowledge.js';
import { fixtureCatalog } from './helpers.js';

const knowledge = knowledgeOf(fixtureCatalog());
const codes = (text: string, options: Parameters<typeof extract>[1] = {}): number[] =>
  extract(text, { knowledge, ...options }).codes.map((c) => c.code);
const via = (text: string): string[] => extract(text, { knowledge }).codes.map((c) => c.via);

describe('AADSTS-prefixed codes', () => {
  it.each([
    ['AADSTS53003', 53003],
    ['aadsts53003', 53003],
    ['AadSts53003', 53003],
    ['AADSTS:53003', 53003],
    ['AADSTS : 53003', 53003],
    ['AADSTS：53003', 53003],
    ['AADSTS 53003', 53003],
    ['**AADSTS7000215**', 7000215],
    ['"message":"AADSTS50126: bad"', 50126],
    ['<psf:text>AADSTS50126: x</psf:text>', 50126],
    ['`AADSTS9002326`', 9002326],
    ['(AADSTS500121)', 500121],
  ])('%s', (text, code) => {
    expect(codes(text)).toEqual([code]);
  });

  it('ignores numbers that are too short, too long or continue like a version', () => {
    expect(codes('AADSTS1234 AADSTS12345678 AADSTS50126.1 AADSTS error codes')).toEqual([]);
  });
});

describe('labels and fields', () => {
  it.each([
    ['Error Code: 53003', [53003]],
    ['ERROR CODE 53003', [53003]],
    ['error code is 53003', [53003]],
    ['Sign-in error code\n\n50126\n\nFailure reason', [50126]],
    ['| Error code | 50058 |', [50058]],
    ['"errorCode": 53003', [53003]],
    ['"errorCode":"53003"', [53003]],
    ["'ResultType': '50126'", [50126]],
    ['"resultType": 50126', [50126]],
    ['status.errorCode == 53003', [53003]],
    ['"error_codes":[50126,50053]', [50126, 50053]],
    ["'error_codes': [50076]", [50076]],
    ['\\"error_codes\\":[65001]', [65001]],
    ['ResultType in (50053, 50126)', [50053, 50126]],
    ['ResultType !in ("0", "50140")', [50140]],
    ['ResultType in~ ("50053")', [50053]],
    ['错误代码：53003', [53003]],
    ['登录错误代码: 50126', [50126]],
    ["Code d'erreur : 50076", [50076]],
    ['code d’erreur: 50076', [50076]],
  ])('%s', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('reads a list that goes on over timestamped or framed log lines', () => {
    // a CI log prefixes every line with its time; Terraform frames its errors with "|" or "│"
    const ci = [
      'AADSTS50076 first',
      '2025-09-30T11:08:20.4275282Z   |   "error_codes": [',
      '2025-09-30T11:08:20.4275724Z   |     900144,',
      '2025-09-30T11:08:20.4275724Z   |     50126',
      '2025-09-30T11:08:20.4276082Z   |   ],',
    ].join('\n');
    expect(codes(ci)).toEqual([50076, 900144, 50126]);
    expect(codes('AADSTS50076 first\n│ "error_codes": [\n│   900144\n│ ]')).toEqual([
      50076, 900144,
    ]);
    // the date of a plain next line is no code
    expect(codes('AADSTS50076 first\n"error_codes": [\n2025-09-30 900144')).toEqual([50076]);
  });

  it('rejects label values that are not AADSTS codes', () => {
    expect(codes('Error code: 3399614467')).toEqual([]);
    expect(codes('Error code: 0x80048823')).toEqual([]);
    expect(codes('error code 500 from the gateway')).toEqual([]);
    expect(codes('Status code: 500')).toEqual([]);
    expect(codes('error code: 2024-05-01')).toEqual([]);
    expect(codes('barcode: 53003')).toEqual([]);
  });

  it('reads a PowerShell Format-List value across wide padding, up to a bound', () => {
    // Format-List pads every name to the longest one; another code keeps the bare fallback out
    const pad = ' '.repeat(24);
    expect(codes(`AADSTS50076 first attempt.\nErrorCode${pad}: 500121`)).toEqual([50076, 500121]);
    expect(codes(`ErrorCode${' '.repeat(60)}: 12345`)).toEqual([12345]);
    expect(codes(`ErrorCode${' '.repeat(120)}: 12345`)).toEqual([]);
  });

  it('reads an OData filter: status/errorCode eq 50126', () => {
    expect(
      codes('AADSTS50076 first\nGet-MgAuditLogSignIn -Filter "status/errorCode eq 500121"'),
    ).toEqual([50076, 500121]);
    expect(codes('$filter=status/errorCode eq 12345')).toEqual([12345]);
    expect(codes('errorCode equals 12345')).toEqual([]);
  });

  it('reads a two-column tab-separated key and value', () => {
    expect(codes('AADSTS50076 first attempt.\nResultType\t500121')).toEqual([50076, 500121]);
    expect(codes('AADSTS50076 earlier\nSign-in error code\t500121\nFailure reason\tx')).toEqual([
      50076, 500121,
    ]);
    expect(codes('ResultType\t12345\nResultDescription\tSomething')).toEqual([12345]);
  });

  it('a table without codes neither ends the label read nor hides a later table', () => {
    const text = 'ResultType\tnone\n\nResultType,UserPrincipalName\n12345,a\n23456,b\n';
    expect(codes(text)).toEqual([12345, 23456]);
    expect(via(text)).toEqual(['csv', 'csv']);
    // a header cell's value must be on its own line, not the first cell of the next row
    expect(codes('UserId\tResultType\n12345\t0\n')).toEqual([]);
  });

  it('reads a dash as a sign, not a separator, when a digit follows it', () => {
    // MSAL for iOS and macOS reports negative error codes (-50005: the user cancelled)
    expect(codes('Error Code -50005')).toEqual([]);
    expect(codes('failed with error code -50005 when the user cancelled')).toEqual([]);
    expect(codes('Error code –50058')).toEqual([]);
    expect(codes('Error code - 50058')).toEqual([50058]);
    expect(codes('Error Code – 50058')).toEqual([50058]);
    expect(codes('Error code -\n50058')).toEqual([50058]);
  });

  it('does not wander further than three lines from the label', () => {
    expect(codes('Error code\n\n\n\n\n12345')).toEqual([]);
    expect(codes('Error code\n\n\n12345')).toEqual([12345]);
  });
});

describe('localized code labels', () => {
  it('reads "error code" in the languages whose pages people paste', () => {
    const labels = [
      '* **Anmeldefehlercode**: 50140',
      'Fehlercode: 50140',
      'Código de error de inicio de sesión: 50140',
      'código de erro: 50140',
      'foutcode: 50140',
      '> サインイン エラー コード: 50140',
      'エラー コード：50140',
      '로그인 오류 코드: 50140',
      '* **Oturum açma hata kodu**: 50140',
      'Код ошибки входа: 50140',
      'Kod błędu logowania: 50140',
      'Kód chyby: 50140',
      'mã lỗi 50140',
      'Kode kesalahan: 50140',
    ];
    for (const text of labels) {
      expect([text, extract(text).codes.map((c) => [c.code, c.via])]).toEqual([
        text,
        [[50140, 'label']],
      ]);
    }
  });

  it('still needs the whole label', () => {
    expect(codes('Barcode: 50140')).toEqual([]);
    // Power BI's "server error code" in Traditional Chinese is no sign-in code
    expect(codes('伺服器錯誤碼: 10001')).toEqual([]);
    expect(codes('コードレビュー 50140件')).toEqual([]);
    expect(codes('Kodak 50140, kodu 50140')).toEqual([]);
  });
});

describe('markdown tables', () => {
  it('reads the code column of a markdown table, with or without outer pipes', () => {
    const table = [
      '| Sign-in error code | Error string |',
      '| --- | --- |',
      '| 53000 | DeviceNotCompliant |',
      '| `53003` | BlockedByConditionalAccess |',
      '',
      'Release 50126 notes',
    ].join('\n');
    expect(extract(table).codes.map((c) => [c.code, c.via])).toEqual([
      [53000, 'csv'],
      [53003, 'csv'],
    ]);
    const bare = 'Код ошибки входа|Причина\n--- | ---\n50144 | Истек\n80001 | Агент';
    expect(codes(bare)).toEqual([50144, 80001]);
  });

  it('takes ids from the first row and reads a two-column property table as labels', () => {
    const rows = [
      '| ResultType | CorrelationId |',
      '|:--|:--|',
      '| 50126 | 1b9752c4-8cbf-4304-a714-8a16527410f4 |',
      '| 50053 | 2b9752c4-8cbf-4304-a714-8a16527410f4 |',
    ].join('\n');
    const found = extract(rows);
    expect(found.codes.map((c) => c.code)).toEqual([50126, 50053]);
    expect(found.context.correlationId).toBe('1b9752c4-8cbf-4304-a714-8a16527410f4');
    const properties =
      '| Property | Value |\n| --- | --- |\n| Error code | 50126 |\n| Status | Failure |';
    expect(codes(properties)).toEqual([50126]);
  });
});

describe('fixed-width tables', () => {
  const AZ = [
    'CorrelationId                         ResultType    TableName      TimeGenerated',
    '------------------------------------  ------------  -------------  ----------------------------',
    '1b9752c4-8cbf-4304-a714-8a16527410f4  50126         PrimaryResult  2024-05-14T13:49:32.1234567Z',
    '2c9752c4-8cbf-4304-a714-8a16527410f4  53003         PrimaryResult  2024-05-14T13:50:01.0000000Z',
  ].join('\n');

  it('reads the code column of az --output table and the ids of the first row', () => {
    const found = extract(AZ, { knowledge });
    expect(found.codes.map((c) => [c.code, c.via])).toEqual([
      [50126, 'table'],
      [53003, 'table'],
    ]);
    expect(found.context).toEqual({
      correlationId: '1b9752c4-8cbf-4304-a714-8a16527410f4',
      timestamp: '2024-05-14T13:49:32.1234567Z',
    });
  });

  it('reads right-aligned numbers under PowerShell Format-Table, in a channel too', () => {
    const text = [
      'AdditionalDetails                              ErrorCode FailureReason',
      '-----------------                              --------- -------------',
      "The user didn't enter the right credentials.       50126 Error validating credentials",
      'MFA completed in Azure AD                              0',
      '',
      'ErrorCode is 0 on success',
    ].join('\r\n');
    expect(codes(text)).toEqual([50126]);
    expect(via(text)).toEqual(['table']);
    expect(codes(text, { knowledge, addressed: false })).toEqual([50126]);
  });

  it('skips cells that spill over their column and tables without a code column', () => {
    // "Longname50126": the first column's value runs into the code column
    const spill = [
      'Name    ResultType',
      '------  ----------',
      'Longname50126',
      'Short   53003',
    ].join('\n');
    expect(extract(spill).codes.map((c) => c.code)).toEqual([53003]);
    const noTable = ['Error Code', '----------', '50126'].join('\n');
    expect(via(noTable)).not.toContain('table');
    const markdown = ['| ResultType | Count |', '|---|---|', '| 50126 | 3 |'].join('\n');
    expect(via(markdown)).not.toContain('table');
  });
});

describe('lookup URLs and OAuth pairs', () => {
  it.each([
    ['https://login.microsoftonline.com/error?code=53003', [53003]],
    ['https://LOGIN.WINDOWS.NET/error?code=50126', [50126]],
    ['https://login.partner.microsoftonline.cn/error?code=50058', [50058]],
    ['[lookup](https://login.microsoftonline.com/error?code=7000215)', [7000215]],
    ['https://login.microsoftonline.com/error?code=AADSTS65001', [65001]],
  ])('%s', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('ignores the same path on other hosts', () => {
    expect(
      codes('https://evil.example/error?code=12345 https://login.microsoftonline.com/x?code=12345'),
    ).toEqual([]);
    // a known code in some other key=value pair is not a code either
    expect(codes('sign-in failed, see https://evil.example/error?code=53003')).toEqual([]);
  });

  it('reads "error_name: code -" but not other "name: number" pairs', () => {
    expect(codes('invalid_grant: 50126 - [2024-01-01 10:00:00Z]')).toEqual([50126]);
    expect(codes('invalid_request: 9002326 and more')).toEqual([]);
    expect(codes('retry_count: 50126 -')).toEqual([]);
  });
});

describe('the x-ms-clitelem response header', () => {
  it('reads the code in its second field', () => {
    expect(codes('x-ms-request-id: e343e11a\n\tx-ms-clitelem: 1,90102,0,,\n')).toEqual([90102]);
    expect(via('X-MS-CLITELEM:1,65001,0,,')).toEqual(['label']);
    expect(codes('x-ms-clitelem: 1,7000215,0,3514.5787,')).toEqual([7000215]);
  });

  it('reads nothing from any other shape', () => {
    expect(codes('x-ms-clitelem: 1,0,0,,')).toEqual([]);
    expect(codes('x-ms-clitelem: 1,12345678,0,,')).toEqual([]);
    expect(codes('x-ms-clitelem: 1,90102')).toEqual([]);
    expect(codes('x-ms-clitelem: 90102,0,,')).toEqual([]);
    expect(codes('ms-clitelem: 1,90102,0,,')).toEqual([]);
    expect(codes('x-ms-clitelemetry: 1,90102,0,,')).toEqual([]);
    expect(codes('"x_ms_clitelem":"1,90102,0,,"')).toEqual([]);
  });
});

describe('bare numbers', () => {
  it('takes a message that is only codes, known or not', () => {
    expect(codes('53003')).toEqual([53003]);
    expect(codes(' 50126, 12345 ')).toEqual([50126, 12345]);
    expect(via('53003')).toEqual(['bare']);
  });

  it('takes known codes in a message about sign-ins', () => {
    expect(codes('users get 50126 when they sign in')).toEqual([50126]);
    expect(codes('users get 12345 when they sign in')).toEqual([]);
  });

  it('needs a sign-in topic unless the bot was addressed', () => {
    expect(codes('what does 53003 mean?')).toEqual([]);
    expect(codes('what does 53003 mean?', { addressed: true })).toEqual([53003]);
  });

  it('skips quantities, ids and amounts even when they are known codes', () => {
    expect(codes('50126 users failed to sign in', { addressed: true })).toEqual([]);
    expect(codes('sign-in ticket 50126', { addressed: true })).toEqual([]);
    expect(codes('login took 53003ms', { addressed: true })).toEqual([]);
    expect(codes('login fee $50126', { addressed: true })).toEqual([]);
  });

  it('does not take "error" or "code" anywhere in a message as a sign-in topic', () => {
    const any: CodeKnowledge = { has: () => true };
    const passive = (text: string) =>
      extract(text, { knowledge: any, addressed: false }).codes.map((c) => c.code);
    // Windows code pages, audio sample rates: real chatter that mentions errors and codes
    expect(passive('Active code page: 65001')).toEqual([]);
    expect(passive('chcp 65001 did not fix the error')).toEqual([]);
    expect(passive('Error: the sample rate must be 16000 Hz')).toEqual([]);
    expect(passive('libopus - ERROR - 16000')).toEqual([]);
    // ...but a number named as an error is a code, and so is the rest of its list
    expect(passive('user keeps getting error 50126 in Outlook')).toEqual([50126]);
    expect(passive('Errors: 50126, 50053 and 53003 since Monday')).toEqual([50126, 50053, 53003]);
    expect(passive('报错 错误 50126')).toEqual([50126]);
    expect(passive('erreur : 50126')).toEqual([50126]);
    // a sign-in word anywhere still makes the message about sign-ins, in any of the page languages
    expect(passive('Fehler bei der Anmeldung, 50126')).toEqual([50126]);
    expect(passive('falla el inicio de sesión con 50126')).toEqual([50126]);
    expect(passive('サインインできません 50126')).toEqual([50126]);
    // a word of an identifier counts (a PAM module's log line)
    expect(
      passive('pam_aad(gdm-password:auth): Unknown error code(s) from server: [50055]'),
    ).toEqual([50055]);
  });

  it('skips one-time codes, postal codes, code pages and versions even about sign-ins', () => {
    const any: CodeKnowledge = { has: () => true };
    const bare = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    expect(bare('Use verification code 500121 for Microsoft authentication')).toEqual([]);
    expect(bare('login from Iowa Falls, zip code 50126')).toEqual([]);
    expect(bare('her sign-in SMS code: 504126')).toEqual([]);
    expect(bare('login shell: chcp 65001')).toEqual([]);
    expect(bare('Source Server Version : 50140')).toEqual([]);
    expect(bare('File Encoding         : 65001')).toEqual([]);
    expect(bare('login audio at 16000 Hz')).toEqual([]);
    expect(bare('login audio at 16000 samples per second')).toEqual([]);
    expect(bare('login fails with 50126')).toEqual([50126]);
  });

  it('does not answer source code, system logs, addresses or money that mention logins', () => {
    const any: CodeKnowledge = { has: () => true };
    const passive = (text: string) =>
      extract(text, { knowledge: any, addressed: false }).codes.map((c) => c.code);
    const addressed = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    // arguments of a call in pasted source code
    expect(passive('setTimeout("restrict_login", 120000);')).toEqual([]);
    expect(passive('if (!rateLimiter.check("login", 5, 120000)) {')).toEqual([]);
    expect(passive('await waitForHealth(WEB_URL + "/login", 120000);')).toEqual([]);
    // a process id, and a word that only starts like a sign-in word
    expect(passive('systemd-logind[812]: New session\nsshd[50126]: Connection closed')).toEqual([]);
    expect(passive('the entrance door panel shows 50126')).toEqual([]);
    // ticket-like numbers, money, addresses, routing
    expect(passive('Sentinel incident 50058 about failed sign-ins')).toEqual([]);
    expect(passive('our login broke after PR 120000 upstream')).toEqual([]);
    expect(passive('MFA rollout: finance approved 50000 USD')).toEqual([]);
    expect(passive('login for the LA office, Los Angeles, CA 90002')).toEqual([]);
    expect(passive('Problème de connexion au bureau du 75008 Paris')).toEqual([]);
    expect(addressed('ASN 65001 (Virtual WAN)')).toEqual([]);
    expect(addressed('address: 503 Elm Ave, Pueblo, CO 81001')).toEqual([]);
    expect(addressed('Numer zgłoszenia 700016 w systemie HR')).toEqual([]);
    // whole words only: "erreur" is not the currency "eur", "server" is not "ver"
    expect(passive('erreur : 50126')).toEqual([50126]);
    expect(addressed('login rejected by the server 50126')).toEqual([50126]);
    expect(passive('login fails: 50126 MSAL says bad password')).toEqual([50126]);
    expect(passive('login: 50126 username or password')).toEqual([50126]);
    expect(passive('login: 50126 Europe users only')).toEqual([50126]);
    expect(passive('login took 50126 ms, then 50000 users and 90002 times')).toEqual([]);
    // what people do write about sign-ins still counts
    expect(passive('logins failing (50126) since Monday')).toEqual([50126]);
    expect(passive('SigninLogs show 50126 for her')).toEqual([50126]);
    expect(passive('login_hint was set, still 50126')).toEqual([50126]);
    expect(passive('Kullanıcı oturum açamıyor, hata 50126')).toEqual([50126]);
    expect(passive('не могу войти, 50126')).toEqual([50126]);
    expect(passive('Problem z logowaniem: 50126')).toEqual([50126]);
    expect(passive('không đăng nhập được, lỗi 50126')).toEqual([50126]);
  });

  it('skips employee ids, one-time codes quoted in prose, references, bridges, phone digits and other currencies', () => {
    const any: CodeKnowledge = { has: () => true };
    const passive = (text: string) =>
      extract(text, { knowledge: any, addressed: false }).codes.map((c) => c.code);
    // a field of a record that names another id, also as an array value (audit log)
    expect(passive('EmployeeId            : 700016\nshe still cannot log in')).toEqual([]);
    expect(passive('EmployeeId\t["500121"]\t["500131"]\nthe user who cannot sign in')).toEqual([]);
    expect(passive('badge_no 500133, login refused')).toEqual([]);
    expect(passive('cannot log in, my employee number is 700025')).toEqual([]);
    // a one-time code with a verb between the word and the number
    expect(passive('the authenticator code was 502031 and the sign-in page rejects it')).toEqual(
      [],
    );
    expect(passive('sign-in fails at the SMS step, code sent was 530034')).toEqual([]);
    // references, conference bridges, the end of a phone number
    expect(passive('sign-in outage: internal ref 530034 (ref 50058)')).toEqual([]);
    expect(passive('login outage bridge, conf 530033# now')).toEqual([]);
    expect(passive('his MFA phone is the old one ending in 50126')).toEqual([]);
    // currencies beyond the dollar, euro and pound
    expect(passive('sign-in project: CHF 120000, ¥ 500000 and 50000 kr')).toEqual([]);
    expect(passive('login licences: 120000 JPY')).toEqual([]);
    // the same shapes that name the error still count
    expect(passive('sign-in fails, the error code is 50126')).toEqual([50126]);
    expect(passive('ErrorNumber : 50126 at login')).toEqual([50126]);
    expect(passive('login error: ["50126"]')).toEqual([50126]);
  });

  it('keeps real codes in the sentences people write about them', () => {
    const any: CodeKnowledge = { has: () => true };
    const addressed = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    const passive = (text: string) =>
      extract(text, { knowledge: any, addressed: false }).codes.map((c) => c.code);
    for (const text of [
      'the error number is 50126 at login',
      'my sign-in error ID is 50126',
      'error number: 50126 at login',
      'In case of 50126 at sign-in, reset the password',
      'login broken, the issue is 50126',
      'we see a number of 50126 errors at login since Monday',
      'every login attempt ends in 50126',
      'login fails for staff: 50126',
      'MFA fails on Android 50126',
      'invalid 50126 at login',
      'Fehlernr: 50126 bei der Anmeldung',
    ]) {
      expect(addressed(text), text).toEqual([50126]);
    }
    // a Swedish word after the number is not the currency "kr"
    expect(passive('login: error 50126 krävs inte')).toEqual([50126]);
    expect(addressed('error 50126, 50053 at login')).toEqual([50126, 50053]);
    // a quantity on the next line or after wide spacing is still a quantity
    expect(passive('sign-in volume today: 50000     requests')).toEqual([]);
    expect(passive('Login stats\n50000\nusers')).toEqual([]);
  });

  it('asks more of round numbers, ids and counts in a channel, and reads the codes people list', () => {
    const any: CodeKnowledge = { has: () => true };
    const addressed = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    const passive = (text: string) =>
      extract(text, { knowledge: any, addressed: false }).codes.map((c) => c.code);
    // a round number is a count or an amount unless named as an error (or asked about directly)
    expect(passive('We have 50000 employees on Entra ID, login is slow')).toEqual([]);
    expect(passive('users getting 53000 at login since the Intune change')).toEqual([]);
    expect(passive('login error 53000 since the Intune change')).toEqual([53000]);
    expect(addressed('users getting 53000 at login since the Intune change')).toEqual([53000]);
    // a count is plural; a code may be followed by its own subject
    expect(passive('login fails with 50057 account disabled')).toEqual([50057]);
    expect(
      passive('Sign-in error 50076\nRequest Id: 4c1f0b7e-2a9d-4d3b-8e61-7f5a2c9b1e00'),
    ).toEqual([50076]);
    expect(passive('about 75001 entries per day in the sign-in logs')).toEqual([]);
    expect(passive('53003 sign-ins blocked today')).toEqual([]);
    // codes written with a slash between them, or a colon and their meaning after
    expect(passive('login fails with 50126/50053')).toEqual([50126, 50053]);
    expect(passive('login fails, 50126: bad password')).toEqual([50126]);
    expect(passive('login rate 50000/hour')).toEqual([]);
    // more ways of saying sign in, and "err"
    expect(passive('cannot sign into Outlook, 50126')).toEqual([50126]);
    expect(passive('err 50126 on the VPN')).toEqual([50126]);
    // ids named in other words and languages, and a one-time code after "the code is"
    expect(passive('user 500131 cannot log in')).toEqual([]);
    expect(passive('Anmeldung geht nicht, Personalnummer 500121')).toEqual([]);
    expect(passive('社員番号 500121 ログインできない')).toEqual([]);
    expect(passive('the code is 530034 but MFA rejects it')).toEqual([]);
    expect(passive('the error code is 50126 at login')).toEqual([50126]);
  });

  it('does not let the one-time-code, address, phone and id rules take real codes', () => {
    const any: CodeKnowledge = { has: () => true };
    const addressed = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    for (const [text, code] of [
      ['the sign-in log shows 700016 for the new app', 700016],
      ['after they enter the MFA code they get 500121 at login', 500121],
      ['login fails for her email address, error 50126', 50126],
      ['Azure AD 50126 for two users', 50126],
      ['Anmeldung: Fehler-Nr. 50126', 50126],
      ['エラー番号 50126 でサインインできない', 50126],
      ['the status code is 50126 at login', 50126],
      ['the code is 50126 at login', 50126],
      ['ログイン 50126 名前は正しい', 50126],
      ['login broken since 0800 50126 for everyone', 50126],
      ['her PC 50126 at sign-in every morning', 50126],
    ] as const) {
      expect(addressed(text), text).toEqual([code]);
    }
    // what the rules are for still holds
    expect(addressed('Authenticator shows 530034 but the login page rejects it')).toEqual([]);
    expect(addressed('login at Main Street 12, Los Angeles CA 90036')).toEqual([]);
  });

  it('reads a list of codes under a line that says so, even with no other code', () => {
    const slack = (text: string) =>
      extract(text, { knowledge, addressed: false, encoding: 'slack' }).codes.map((c) => c.code);
    expect(slack("Codes we're seeing today:\n• 50126\n• 50053")).toEqual([50126, 50053]);
    expect(slack('Numbers for today:\n• 50126\n• 50053')).toEqual([]);
  });

  it('takes numbers in a table only from a column whose header names codes', () => {
    const any: CodeKnowledge = { has: () => true };
    const passive = (text: string, encoding?: 'teams-html') =>
      extract(text, { knowledge: any, addressed: false, encoding }).codes.map((c) => c.code);
    // a Teams table about a sign-in rollout budget: no column of codes
    const budget =
      '<p>Budget for the Entra ID P2 / MFA sign-in rollout:</p><table><tr><th><p>Item</p></th>' +
      '<th><p>Seats</p></th><th><p>Annual (JPY)</p></th></tr><tr><td><p>Entra ID P2</p></td>' +
      '<td><p>1500</p></td><td><p>120000</p></td></tr><tr><td><p>FIDO2 keys</p></td>' +
      '<td><p>200</p></td><td><p>90002</p></td></tr></table>';
    expect(passive(budget, 'teams-html')).toEqual([]);
    // the same table with an "Error" column is a list of sign-in failures
    const failures =
      '<p>Top sign-in failures:</p><table><tr><th><p>Error</p></th><th><p>Count</p></th></tr>' +
      '<tr><td><p>50126</p></td><td><p>1284</p></td></tr><tr><td><p>50053</p></td>' +
      '<td><p>97</p></td></tr></table>';
    expect(passive(failures, 'teams-html')).toEqual([50126, 50053]);
    // tab-separated and markdown rows, as copied from the admin center or a wiki
    expect(passive('sign-in audit\nUser\tEmployee ID\n<upn>\t500121')).toEqual([]);
    expect(passive('login budget\n| Item | Cost (CHF) |\n|---|---|\n| keys | 120000 |')).toEqual(
      [],
    );
    expect(passive('login failures\n| Result | Users |\n|---|---|\n| 50126 | 12 |')).toEqual([
      50126,
    ]);
    // rows without a header are not judged by their first row
    expect(passive('sign-in failures today\n50126\t12\n50053\t7')).toEqual([50126, 50053]);
  });

  it('reads a Teams list of codes as bullets', () => {
    const teams = (html: string, addressed = false) =>
      extract(html, { knowledge, addressed, encoding: 'teams-html' }).codes.map((c) => c.code);
    expect(teams('<ul><li>50126</li><li>50053</li></ul>')).toEqual([50126, 50053]);
    expect(
      teams(
        '<p>Sign-in error code: 53003. Other error codes we saw:</p><ul><li>50126</li><li>50053</li></ul>',
      ),
    ).toEqual([53003, 50126, 50053]);
  });

  it('takes a bulleted list of known codes next to a code found in a code position', () => {
    const notes = [
      'I saw several sign-in error codes, including:',
      '    - 0 — successful authentication',
      '    - 50053',
      '    • 50126: bad password',
      '    2) 12345',
      'Failed event: Sign-in error code: 53003',
    ].join('\n');
    expect(codes(notes)).toEqual([50053, 50126, 53003]);
    // without a code in a code position, a bulleted list is only chatter (unless about sign-ins)
    expect(codes('Budget lines:\n - 50053\n - 50126')).toEqual([]);
    // a bullet with more after the number is not a code line
    expect(codes('Error code: 53003\n - 50126 people on the floor')).toEqual([53003]);
    // a list that does not say it lists codes is something else, even next to a code
    expect(codes('These users get AADSTS50126:\n- 50053 - Alice\n- 53003 - Bob')).toEqual([50126]);
    expect(codes('AADSTS50126 seen. Ticket list:\n* 50053\n* 53003')).toEqual([50126]);
  });

  it('skips negative numbers, whatever sign or dash marks them', () => {
    const any: CodeKnowledge = { has: () => true };
    const bare = (text: string) =>
      extract(text, { knowledge: any, addressed: true }).codes.map((c) => c.code);
    expect(bare('sign-in fails: (MSALErrorDomain error ~50000.)')).toEqual([]);
    expect(bare('sign-in fails: MSAL error −50000')).toEqual([]);
    expect(bare('sign-in fails: MSAL error –50000')).toEqual([]);
    expect(bare('sign-in fails: MSAL error -50000')).toEqual([]);
    expect(bare('sign-in fails: MSAL error 50000')).toEqual([50000]);
  });
});

describe('ordering and de-duplication', () => {
  it('lists codes once, in order of first appearance, whatever rule found them', () => {
    const text = '"error_codes":[50053] then AADSTS50126, AADSTS50053 and Error Code: 50126';
    expect(codes(text)).toEqual([50053, 50126]);
  });
});

describe('context', () => {
  it("reads the app id from a code's own message, only as a quoted GUID", () => {
    const app = 'f8c37a6e-0d92-4b31-992f-6e5c9c6f1a99';
    const ctx = (text: string) => extract(text, { knowledge }).context;
    expect(
      ctx(`AADSTS7000215: Invalid client secret provided. … for a secret added to app '${app}'.`)
        .appId,
    ).toBe(app);
    expect(
      ctx(`AADSTS50105: not assigned to a role for the application '${app}'(Portal).`).appId,
    ).toBe(app);
    expect(ctx(`AADSTS65001: … to use the application with ID '${app}' named 'Portal'`).appId).toBe(
      app,
    );
    expect(
      ctx(
        `"AADSTS7000222: The provided client secret keys for app \\u0027${app}\\u0027 are expired."`,
      ).appId,
    ).toBe(app);
    // a name, an App ID URI, or a message with no code: nothing
    expect(ctx(`AADSTS7000215: … added to app "${app}".`).appId).toBe(app);
    expect(
      ctx(
        `AADSTS50105: Your administrator has configured the application Concur ('${app}') to block users`,
      ).appId,
    ).toBe(app);
    expect(ctx(`AADSTS50105: the tenant ('${app}') blocks users`).appId).toBeUndefined();
    expect(ctx("AADSTS7000215: for a secret added to app 'Portal'.").appId).toBeUndefined();
    expect(
      ctx("AADSTS700016: Application with identifier 'api://portal' was not found").appId,
    ).toBeUndefined();
    expect(ctx(`we added a secret to app '${app}' yesterday`).appId).toBeUndefined();
    // a labelled client id wins
    const other = '0b7e3f5a-1c2d-4e6f-8a9b-0c1d2e3f4a5b';
    expect(ctx(`client_id=${other} AADSTS7000215: … added to app '${app}'.`).appId).toBe(other);
  });

  it('reads the short "corr id" label', () => {
    const id = '3f2b7c1e-9a4d-4e7b-8c21-5d6e7f8a9b0c';
    expect(
      extract(`AADSTS50126 at login, corr id ${id}`, { knowledge }).context.correlationId,
    ).toBe(id);
  });

  it("reads MSAL Node's bracketed server time and a record's Date next to its ids", () => {
    const ctx = (text: string) => extract(text, { knowledge }).context;
    expect(
      ctx(
        'ServerError: invalid_client: 7000215 - [2023-03-05 22:32:01Z]: AADSTS7000215: Invalid client secret provided.',
      ).timestamp,
    ).toBe('2023-03-05 22:32:01Z');
    const record = (date: string) =>
      `Sign-in error code\t53003\nRequest ID\t4c1f0b7e-2a9d-4d3b-8e61-7f5a2c9b1e00\nDate\t${date}`;
    expect(ctx(record('11/23/2026, 9:14:07 AM')).timestamp).toBe('11/23/2026, 9:14:07 AM');
    expect(ctx(record('2026-11-23 09:14:07 UTC')).timestamp).toBe('2026-11-23 09:14:07 UTC');
    // "Date" without a record's ids is a mail header or prose, not the sign-in's time
    expect(
      ctx('Date: 2026-11-23 09:14:07 UTC\nSubject: AADSTS53003 again').timestamp,
    ).toBeUndefined();
    // a name that only ends in "date" is no label
    expect(
      ctx(`${record('2026-11-23 09:14:07 UTC')}\npassword_expiry_date: 2027-01-01 00:00:00`)
        .timestamp,
    ).toBe('2026-11-23 09:14:07 UTC');
    // seven fraction digits, with only the AADSTS code after the bracket
    expect(
      ctx('failed: - [2023-03-05 22:32:01.1234567Z]: AADSTS7000215: Invalid client secret')
        .timestamp,
    ).toBeUndefined();
    expect(
      ctx(
        'invalid_client: 7000215 - [2023-03-05 22:32:01.1234567Z]: AADSTS7000215: Invalid client secret',
      ).timestamp,
    ).toBe('2023-03-05 22:32:01.1234567Z');
    // a labelled timestamp wins
    expect(
      ctx(`${record('2026-11-23 09:14:07 UTC')}\nTimestamp: 2026-11-23 09:14:09Z`).timestamp,
    ).toBe('2026-11-23 09:14:09Z');
  });

  it('reads ids from English labels and JSON keys', () => {
    const found = extract(
      'AADSTS53003\nTrace ID: 0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f\n{"correlation_id":"11111111-2222-4333-8444-555555555555","timestamp":"2024-05-01 10:00:00Z","client_id":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}',
    );
    expect(found.context).toEqual({
      traceId: '0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f',
      correlationId: '11111111-2222-4333-8444-555555555555',
      timestamp: '2024-05-01 10:00:00Z',
      appId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    });
  });

  it('keeps the first valid value and ignores labels without one', () => {
    const found = extract(
      'Trace ID: not-a-guid\nTrace ID: 0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f\nTrace ID: 99999999-2f4a-4f5e-9d1c-3a2b1c0d9e8f',
    );
    expect(found.context.traceId).toBe('0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f');
  });

  it('takes the ids of the record that holds the code when a paste has several', () => {
    const row = (time: string, corr: string, result: string) =>
      `{"TimeGenerated [UTC]": "${time}", "AppDisplayName": "Azure Portal", "ResultType": "${result}", "CorrelationId": "${corr}"}`;
    const ok = row('9/28/2026, 10:39:01.512 AM', '11111111-2222-4333-8444-555555555555', '0');
    const failed = row(
      '9/28/2026, 10:41:12.000 AM',
      '66666666-7777-4888-9999-000000000000',
      '50126',
    );
    expect(extract(`[${ok},\n${failed}]`).context).toEqual({
      correlationId: '66666666-7777-4888-9999-000000000000',
      timestamp: '9/28/2026, 10:41:12.000 AM',
    });
    // with the failing record first, its ids are the earlier ones
    expect(extract(`[${failed},\n${ok}]`).context.correlationId).toBe(
      '66666666-7777-4888-9999-000000000000',
    );
  });

  it("does not take the client's own request id for the service's", () => {
    const found = extract(
      'AADSTS50076: MFA required.\nclient-request-id: 5e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3\nx-ms-request-id: 9a3e5c71-2d48-4b06-8f1e-c7b20d945a00',
    );
    expect(found.context.requestId).toBe('9a3e5c71-2d48-4b06-8f1e-c7b20d945a00');
    const keys = extract(
      '{"ClientRequestId":"5e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3","x-ms-client-request-id":"6e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3","request-id":"7e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3"}',
    );
    expect(keys.context.requestId).toBe('7e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3');
    expect(extract('client request id: 5e8b1f24-7a90-4c3d-b6e5-0f2d9c81a7b3').context).toEqual({});
  });

  it('reads the labels of the languages Microsoft translates these lines into', () => {
    const t = '29317da9-52fc-4ba0-9778-446ae5625e5a';
    const c = '1b9752c4-8cbf-4304-a714-8a16527410f4';
    const r = '2b6aacef-1c3a-4f5e-9d1c-3a2b1c0d9e8f';
    const ts = '2019-11-15 09:21:57Z';
    const all = { traceId: t, correlationId: c, timestamp: ts };
    const cases: Array<[string, string, string, string]> = [
      ['Ablaufverfolgungs-ID', 'Korrelations-ID', 'Zeitstempel', 'de'],
      ['トレース ID', '関連付け ID', 'タイムスタンプ', 'ja'],
      ['トレース ID', '相関 ID', 'タイムスタンプ', 'ja'],
      ['추적 ID', '상관 관계 ID', '타임스탬프', 'ko'],
      ['Id. de seguimiento', 'Id. de correlación', 'Marca de tiempo', 'es'],
      ['ID de Rastreamento', 'ID de Correlação', 'Carimbo de data/hora', 'pt'],
      ['ID traccia', 'ID correlazione', 'Timestamp', 'it'],
      ['Traceer-ID', 'correlatie-ID', 'tijdstempel', 'nl'],
      ['Spårnings-ID', 'Korrelations-ID', 'tidsstämpel', 'sv'],
      ['追蹤識別碼', '相互關連識別碼', '時間戳記', 'zh-TW'],
      ['Идентификатор отслеживания', 'Идентификатор корреляции', 'Метка времени', 'ru'],
      ['Nyomkövetési azonosító', 'Korrelációazonosító', 'időbélyegző', 'hu'],
    ];
    for (const [trace, corr, time, lang] of cases) {
      const text = `AADSTS50126\n${trace}: ${t}\n${corr}: ${c} ${time}: ${ts}`;
      expect([lang, extract(text).context]).toEqual([lang, all]);
    }
    expect(extract(`Anforderungs-ID: ${r}`).context).toEqual({ requestId: r });
    expect(extract(`要求 ID：${r}`).context).toEqual({ requestId: r });
    expect(extract(`ID da Solicitação: ${r}`).context).toEqual({ requestId: r });
    expect(extract(`アプリケーション ID: ${r}`).context).toEqual({ appId: r });
    expect(extract(`要求識別碼：${r}`).context).toEqual({ requestId: r });
    expect(extract(`Идентификатор запроса: ${r}`).context).toEqual({ requestId: r });
  });

  it('reads Log Analytics time columns and times with milliseconds', () => {
    expect(
      extract('{"TimeGenerated [UTC]": "9/28/2026, 10:41:12.000 PM", "ResultType": "50126"}')
        .context,
    ).toEqual({ timestamp: '9/28/2026, 10:41:12.000 PM' });
    expect(extract('TimeGenerated [Local Time]: 2026-09-28T22:41:12.000Z').context).toEqual({
      timestamp: '2026-09-28T22:41:12.000Z',
    });
  });

  it('reads client-id as the app id', () => {
    expect(extract('client-id: af3110ba-0ba9-4412-b1a0-59f50b7e9273').context).toEqual({
      appId: 'af3110ba-0ba9-4412-b1a0-59f50b7e9273',
    });
  });

  it('reads ids in braces or parentheses, or after a dash', () => {
    const guid = 'b237058d-f022-4660-8ef9-0a69dfd3616b';
    expect(extract(`"correlation_id":"{${guid}}"`).context).toEqual({ correlationId: guid });
    expect(extract(`CorrelationId - ${guid}`).context).toEqual({ correlationId: guid });
    expect(extract(`CorrelationId(${guid})`).context).toEqual({ correlationId: guid });
    expect(extract(`Trace ID: {${guid}`).context).toEqual({ traceId: guid });
  });

  it('ignores the all-zero GUID that redacted pastes carry', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    expect(extract(`Trace ID: ${zero}\nCorrelation ID: ${zero}`).context).toEqual({});
    expect(
      extract(`Trace ID: ${zero}\n"trace_id":"0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f"`).context,
    ).toEqual({ traceId: '0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f' });
    expect(
      extract(`ResultType,CorrelationId\n50126,${zero}\n`).context.correlationId,
    ).toBeUndefined();
  });

  it('reads US-style timestamps', () => {
    expect(extract('Timestamp: 5/3/2024, 8:48:12 AM').context.timestamp).toBe(
      '5/3/2024, 8:48:12 AM',
    );
  });

  it("reads Windows PowerShell 5.1's JSON dates as the UTC time they stand for", () => {
    const json = '{"CreatedDateTime":  "\\/Date(1715694572000)\\/", "ResultType": 50126}';
    expect(extract(json).context.timestamp).toBe('2024-05-14T13:49:32.000Z');
    expect(extract('"createdDateTime": "/Date(1715694572000+0200)/"').context.timestamp).toBe(
      '2024-05-14T13:49:32.000Z',
    );
    expect(extract('"createdDateTime": "\\/Date(0)\\/"').context.timestamp).toBeUndefined();
  });

  it('reads timestamps written day first or year first, as localized pages print them', () => {
    const at = (text: string) => extract(`AADSTS70008\n${text}`).context.timestamp;
    expect(at('tijdstempel: 15-12-2015 21:09:31Z')).toBe('15-12-2015 21:09:31Z');
    expect(at('Zeitstempel: 15.12.2015 21:09:31')).toBe('15.12.2015 21:09:31');
    expect(at('Horodatage : 15/12/2015 21:09:31')).toBe('15/12/2015 21:09:31');
    expect(at('タイムスタンプ: 2015/12/15 21:09:31Z')).toBe('2015/12/15 21:09:31Z');
    // a date alone, mixed separators or a version number is not a time
    expect(at('Timestamp: 15.12.2015')).toBeUndefined();
    expect(at('Timestamp: 15-12.2015 21:09:31')).toBeUndefined();
    expect(at('Timestamp: 10.0.19045 build')).toBeUndefined();
  });

  it('reads the context next to the first code of a long log', () => {
    const filler = 'INFO nothing to see here\n'.repeat(4000);
    const near = 'Correlation ID: 22222222-2f4a-4f5e-9d1c-3a2b1c0d9e8f AADSTS50126';
    const found = extract(
      `Correlation ID: 11111111-2f4a-4f5e-9d1c-3a2b1c0d9e8f\n${filler}${near}`,
      {
        maxChars: 1_000_000,
      },
    );
    expect(found.codes.map((c) => c.code)).toEqual([50126]);
    expect(found.context.correlationId).toBe('22222222-2f4a-4f5e-9d1c-3a2b1c0d9e8f');
  });
});

describe('URL-encoded error responses', () => {
  const encoded =
    'error_description=AADSTS50105%3a+Not+assigned.%0d%0aTrace+ID%3a+320db82b-71a0-4520-a16f-f962e19a9000%0d%0aCorrelation+ID%3a+ba8b945c-1cd8-4344-b355-b40c63174248%0d%0aTimestamp%3a+2020-07-14+11%3a00%3a34Z';

  it('reads the context of an encoded error_description, decoded', () => {
    const found = extract(encoded);
    expect(found.codes.map((c) => c.code)).toEqual([50105]);
    expect(found.context).toEqual({
      traceId: '320db82b-71a0-4520-a16f-f962e19a9000',
      correlationId: 'ba8b945c-1cd8-4344-b355-b40c63174248',
      timestamp: '2020-07-14 11:00:34Z',
    });
  });

  it('reads lower- and upper-case escapes and %20 for a space', () => {
    const found = extract(
      'AADSTS50126%3A%20x%0D%0ACorrelation%20ID%3A%20ba8b945c-1cd8-4344-b355-b40c63174248',
    );
    expect(found.context.correlationId).toBe('ba8b945c-1cd8-4344-b355-b40c63174248');
  });

  it('keeps what the plain text says and fills only the missing fields', () => {
    const found = extract(`Trace ID: 0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f\n${encoded}`);
    expect(found.context.traceId).toBe('0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f');
    expect(found.context.correlationId).toBe('ba8b945c-1cd8-4344-b355-b40c63174248');
  });

  it('survives bad and truncated escapes', () => {
    const found = extract(
      'error_description=AADSTS50105%3a+x%ZZ%e2%28%a1%0d%0aTrace+ID%3a+320db82b-71a0-4520-a16f-f962e19a9000%',
    );
    expect(found.codes.map((c) => c.code)).toEqual([50105]);
    expect(found.context.traceId).toBe('320db82b-71a0-4520-a16f-f962e19a9000');
  });

  it('reads a single encoded line', () => {
    expect(extract('AADSTS50105 Trace+ID%3a+320db82b-71a0-4520-a16f-f962e19a9000').context).toEqual(
      {
        traceId: '320db82b-71a0-4520-a16f-f962e19a9000',
      },
    );
  });
});

describe('input handling', () => {
  it('caps the input at 64 KB and says so', () => {
    const text = `AADSTS50126 ${'x'.repeat(70_000)} AADSTS53003`;
    const found = extract(text);
    expect(found.truncated).toBe(true);
    expect(found.codes.map((c) => c.code)).toEqual([50126]);
  });

  it('scans beyond the lower-cased head in the spellings tools print', () => {
    const tail =
      'AADSTS53003 "resultType": "50126" "ResultType": "50053" Error code: 50058 "error_codes":[50076] ERROR CODE: 65001 https://login.microsoftonline.com/error?code=500121';
    expect(codes(`${'x'.repeat(70_000)} ${tail}`, { maxChars: 1_000_000 })).toEqual([
      53003, 50126, 50053, 50058, 50076, 65001, 500121,
    ]);
  });

  it('undoes Slack and Teams escaping before scanning', () => {
    expect(codes('&lt;AADSTS53003&gt;', { encoding: 'slack' })).toEqual([53003]);
    expect(
      codes('<https://login.microsoftonline.com/error?code=50058|here>', { encoding: 'slack' }),
    ).toEqual([50058]);
    expect(codes('<p>Error&nbsp;code:&nbsp;53003</p>', { encoding: 'teams-html' })).toEqual([
      53003,
    ]);
  });

  it('never throws, whatever it is given', () => {
    expect(extract(undefined as unknown as string).codes).toEqual([]);
    expect(extract(42 as unknown as string).codes).toEqual([]);
    expect(extract('').codes).toEqual([]);
  });
});

describe('JSON values and catalog messages', () => {
  it('reads a code under a code key when the raw text hides it', () => {
    // the key is split from its value by a comment-like blob the label reader does not cross
    const text = '{"status": {"errorCode":\n\n\n\n\n   53003, "failureReason": "x"}}';
    expect(codes(text)).toEqual([53003]);
  });

  it('parses Python dicts', () => {
    const text = "{'status': {'errorCode':\n\n\n\n\n 50126, 'ok': True, 'x': None}}";
    expect(codes(text)).toEqual([50126]);
  });

  it('matches a catalog message with quoted values in place of placeholders', () => {
    const found = extract(
      "Application with identifier 'abc' was not found in the directory 'Fabrikam'.",
      { knowledge },
    );
    expect(found.codes).toEqual([expect.objectContaining({ code: 700016, via: 'text' })]);
  });

  it('matches the official Chinese text', () => {
    expect(codes('登录失败：访问因条件访问策略而被阻止。')).toEqual([53003]);
  });

  it('does not match short generic sentences', () => {
    expect(codes('Authentication failed.')).toEqual([]);
  });
});

describe('secrets', () => {
  const jwt =
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLXBhcnQtaGVyZQ';

  it('notices a JWT and a client secret without returning them', () => {
    const found = extract(`Bearer ${jwt}\nsecret: abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456`);
    expect(found.secrets).toEqual(['jwt', 'client-secret']);
    expect(JSON.stringify(found)).not.toContain('eyJ0eXAi');
  });

  it('does not flag ordinary text', () => {
    expect(extract('eyJ is how base64 JSON starts; Q~ is a tilde').secrets).toEqual([]);
  });
});
