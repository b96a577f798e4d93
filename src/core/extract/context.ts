/**
 * Finds the ids an admin needs to locate a failure in the sign-in log: trace, correlation and
 * request ids, the timestamp and the app (client) id. Labels in English, Chinese and French, and
 * JSON keys; the first valid value of each wins.
 */
import type { SignInContext } from '../reply.js';
import { isLetter } from './text-util.js';

type Field = keyof SignInContext;
type Kind = 'guid' | 'time';

const FIELDS: readonly {
  field: Field;
  kind: Kind;
  /** short needles that find the labels fast (every label contains one) */
  anchors: readonly string[];
  labels: readonly string[];
}[] = [
  {
    field: 'traceId',
    kind: 'guid',
    anchors: ['trace', '跟踪', 'suivi'],
    labels: ['trace id', 'traceid', 'trace_id', 'trace-id', '跟踪 id', '跟踪id', 'id de suivi'],
  },
  {
    field: 'correlationId',
    kind: 'guid',
    anchors: ['correl', 'corrél', '相关', '关联'],
    labels: [
      'correlation id',
      'correlationid',
      'correlation_id',
      'correlation-id',
      '相关 id',
      '相关id',
      '关联 id',
      '关联id',
      'id de corrélation',
      'id de correlation',
    ],
  },
  {
    field: 'requestId',
    kind: 'guid',
    anchors: ['reques', 'demand', '请求'],
    labels: [
      'request id',
      'requestid',
      'request_id',
      'request-id',
      '请求 id',
      '请求id',
      'id de demande',
      'id de la demande',
    ],
  },
  {
    field: 'timestamp',
    kind: 'time',
    anchors: ['timest', 'time s', 'horoda', 'create', 'timege', '时间戳'],
    labels: ['timestamp', 'time stamp', '时间戳', 'horodatage', 'createddatetime', 'timegenerated'],
  },
  {
    field: 'appId',
    kind: 'guid',
    anchors: ['app', 'client', '应用'],
    labels: [
      'app id',
      'appid',
      'app_id',
      'application id',
      'applicationid',
      'client id',
      'clientid',
      'client_id',
      '应用程序 id',
      '应用 id',
      "id d'application",
      "id de l'application",
    ],
  },
];

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z-])/iy;
const ISO_TIME =
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?: ?Z|[+-]\d{2}:?\d{2})?)?/y;
const US_TIME = /\d{1,2}\/\d{1,2}\/\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?/iy;

function isSkippable(c: number): boolean {
  // blanks, quotes, markdown, JSON escapes, ":" "：" "=" "|" and a few line breaks
  return (
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 10 ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 42 ||
    c === 92 ||
    c === 58 ||
    c === 0xff1a ||
    c === 61 ||
    c === 124
  );
}

function valueAt(s: string, p: number, kind: Kind): string | undefined {
  let q = p;
  const stop = p + 40;
  while (q < s.length && q < stop && isSkippable(s.charCodeAt(q))) {
    // an escaped line break inside a JSON string ("\r\n") counts as blanks
    if (s.charCodeAt(q) === 92 && (s[q + 1] === 'r' || s[q + 1] === 'n')) q++;
    q++;
  }
  const patterns = kind === 'guid' ? [GUID] : [ISO_TIME, US_TIME];
  for (const re of patterns) {
    re.lastIndex = q;
    const m = re.exec(s);
    if (m) return m[0];
  }
  return undefined;
}

/** for each field, its anchors with the labels that contain them and where */
const ANCHORED = FIELDS.map(({ field, kind, anchors, labels }) => ({
  field,
  kind,
  anchors: anchors.map((anchor) => ({
    anchor,
    labels: labels.flatMap((label) => {
      const offset = label.indexOf(anchor);
      return offset === -1 ? [] : [{ label, offset }];
    }),
  })),
}));

/**
 * Reads the context from a span of `s` starting at `from`; `lower` is that span lower-cased
 * (same length). Labels are looked up in `lower` and values read from `s`.
 */
export function findContext(s: string, lower: string, from: number): SignInContext {
  const context: SignInContext = {};
  for (const { field, kind, anchors } of ANCHORED) {
    let best: { index: number; value: string } | undefined;
    for (const { anchor, labels } of anchors) {
      let i = lower.indexOf(anchor);
      while (i !== -1 && (best === undefined || i < best.index)) {
        for (const { label, offset } of labels) {
          const at = i - offset;
          if (at < 0 || !lower.startsWith(label, at)) continue;
          const abs = from + at;
          const escaped = s.charCodeAt(abs - 2) === 92; // "\r\nTrace ID" inside a JSON string
          // the label must not be the tail of a longer word, except long JSON-style keys
          if (isLetter(s.charCodeAt(abs - 1)) && !escaped && label.length <= 8) continue;
          const value = valueAt(s, abs + label.length, kind);
          if (value !== undefined && (best === undefined || at < best.index)) {
            best = { index: at, value };
          }
        }
        if (best !== undefined && best.index <= i) break;
        i = lower.indexOf(anchor, i + 1);
      }
    }
    if (best) context[field] = best.value;
  }
  return context;
}
