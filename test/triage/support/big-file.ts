/**
 * Writes a large synthetic export to disk row by row (never the whole file in memory), for the
 * size test and the benchmark.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  type ExportFormat,
  graphObject,
  LA_HEADERS,
  laRow,
  PORTAL_HEADERS,
  portalRow,
  rng,
  type SignInEvent,
} from './generate.js';

const APPS = [
  'Office 365 Exchange Online',
  'Microsoft Teams',
  'Azure Portal',
  'Office 365 SharePoint Online',
  'Contoso Payroll',
];
const CODES = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50140, 50058, 50126, 50074, 53003, 500121, 16000, 50053,
  700016,
];

/** a plausible event stream: a few thousand users and addresses, mostly successes */
export function eventAt(i: number, random: () => number, start: number): SignInEvent {
  const u = Math.floor(random() * 5000);
  return {
    time: start + i * 1500,
    user: `user${u}@contoso.example`,
    ip: `198.51.${100 + (u % 3)}.${Math.floor(random() * 250)}`,
    app: APPS[Math.floor(random() * APPS.length)] ?? 'Microsoft Teams',
    code: CODES[Math.floor(random() * CODES.length)] ?? 0,
  };
}

/** writes rows until the file reaches `targetBytes` or `maxRows`; returns the row count */
export async function writeBigExport(
  file: string,
  format: Extract<ExportFormat, 'la-csv' | 'portal-csv' | 'graph-json'>,
  limits: { targetBytes?: number; maxRows?: number },
): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(file);
  const random = rng(7);
  const start = Date.UTC(2026, 9, 1);
  let bytes = 0;
  let rows = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const header =
    format === 'graph-json'
      ? '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":['
      : `\ufeff${(format === 'la-csv' ? LA_HEADERS : PORTAL_HEADERS).join(',')}\r\n`;
  await write(header);
  const targetBytes = limits.targetBytes ?? Number.POSITIVE_INFINITY;
  const maxRows = limits.maxRows ?? Number.POSITIVE_INFINITY;
  let batch = '';
  while (bytes + batch.length < targetBytes && rows < maxRows) {
    const e = eventAt(rows, random, start);
    if (format === 'graph-json')
      batch += `${rows === 0 ? '' : ','}${JSON.stringify(graphObject(e, rows))}`;
    else batch += format === 'la-csv' ? laRow(e, rows) : portalRow(e, rows);
    rows++;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  if (format === 'graph-json') await write(']}');
  out.end();
  await once(out, 'finish');
  return { rows, bytes };
}
