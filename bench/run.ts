/**
 * `npm run bench`: extraction throughput against a bare /AADSTS\d{5,7}/g scan of the same text,
 * and explain-and-render latency for a typical paste. Writes bench/RESULTS.md.
 * Not a test: numbers depend on the machine. Targets: throughput ≥ 0.5 of the bare scan,
 * explain-and-render p99 < 1 ms.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MAX_CLI_CHARS } from '../src/cli/explain-inputs.js';
import { loadCatalog } from '../src/core/catalog/load.js';
import { TAIL_NEEDLES } from '../src/core/extract/code-rules.js';
import { extract } from '../src/core/extract/extract.js';
import { handleMessage } from '../src/core/handle.js';
import { knowledgeOf } from '../src/core/knowledge.js';
import type { Reply } from '../src/core/reply.js';
import { type RenderableReply, toPlainText } from '../src/render/plain-text.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PASTES = `${ROOT}test/fixtures/pastes/`;

const catalog = loadCatalog();
const knowledge = knowledgeOf(catalog);

function bareScan(text: string): number {
  const re = /AADSTS\d{5,7}/g;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** a deterministic pseudo-random sequence (mulberry32) so every run scans the same log */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** about 1 MB of application log: mostly noise, one line in seven with a sign-in failure */
function generateLog(bytes: number): string {
  const rand = random(42);
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const codes = catalog.codes();
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const ts = `2024-05-0${(i % 9) + 1}T10:${String(i % 60).padStart(2, '0')}:11.${String(i % 1000).padStart(3, '0')}Z`;
    const code = codes[Math.floor(rand() * codes.length)] ?? 50126;
    let line: string;
    switch (i % 7) {
      case 0:
        line = `${ts} ERROR [auth] MsalServiceException: AADSTS${code}: sign-in failed. Trace ID: ${guid()} Correlation ID: ${guid()} Timestamp: 2024-05-01 10:00:00Z`;
        break;
      case 1:
        line = `${ts} INFO  [http] GET /api/users/${i} 200 ${i % 900}ms host=localhost:8080 pid=12345`;
        break;
      case 2:
        line = `${ts} WARN  [retry] attempt 3 of 5 for request ${guid()} status=503`;
        break;
      case 3:
        line = `${ts} DEBUG [token] {"error":"invalid_grant","error_codes":[${code}],"trace_id":"${guid()}"}`;
        break;
      default:
        line = `${ts} DEBUG [cache] token cache hit for account ${guid()} in tenant ${guid()} size=${i * 13}`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, bytes);
}

function corpus(): string[] {
  return readdirSync(PASTES)
    .filter((f) => !f.endsWith('.expect.json'))
    .sort()
    .map((f) => readFileSync(`${PASTES}${f}`, 'utf8'));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** time in ms of one call of fn, averaged over a batch of `iterations` calls (amortises the timer) */
function batch(fn: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - start) / iterations;
}

/**
 * Times `ours` and `bare` in alternating batches after a warm-up batch of each, so both see the
 * same machine state (a busy neighbour slows both, not one); the ratio is taken per round.
 */
function compare(ours: () => unknown, bare: () => unknown, iterations: number, rounds = 9) {
  batch(ours, iterations);
  batch(bare, iterations);
  const o: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const tOurs = batch(ours, iterations);
    const tBare = batch(bare, iterations);
    o.push(tOurs);
    b.push(tBare);
    ratios.push(tBare / tOurs);
  }
  return { ours: median(o), bare: median(b), ratio: median(ratios) };
}

/** a markdown table laid out as the formatter lays it out (padded cells, aligned separators) */
function markdownTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, c) =>
    Math.max(h.length, 3, ...rows.map((r) => (r[c] ?? '').length)),
  );
  const cell = (text: string, c: number) =>
    rightAligned[c] ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, c) => (rightAligned[c] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function throughput(name: string, texts: string[], iterations: number) {
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const timing = compare(
    () => {
      for (const t of texts) extract(t, { knowledge, maxChars: MAX_CLI_CHARS });
    },
    () => {
      for (const t of texts) bareScan(t);
    },
    iterations,
  );
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
  return {
    name,
    bytes,
    ours: mbps(timing.ours),
    bare: mbps(timing.bare),
    ratio: timing.ratio,
    perCall: (timing.ours / texts.length) * 1000,
    barePerCall: (timing.bare / texts.length) * 1000,
  };
}

/** every tail needle searched over the log with nothing done per hit: the floor of the log scan */
function searchesOnly(log: string) {
  const timing = compare(
    () => {
      let n = 0;
      for (const needle of TAIL_NEEDLES) {
        for (let i = log.indexOf(needle); i !== -1; i = log.indexOf(needle, i + needle.length)) n++;
      }
      return n;
    },
    () => bareScan(log),
    20,
  );
  return { us: timing.ours * 1000, ratio: timing.ratio };
}

async function latency(text: string) {
  let toCard: ((reply: RenderableReply) => unknown) | undefined;
  try {
    // the Adaptive Card renderer is optional here: measured when present
    const mod = (await import('../src/render/adaptive-card.js')) as {
      toAdaptiveCard?: (reply: RenderableReply) => unknown;
    };
    toCard = mod.toAdaptiveCard;
  } catch {
    toCard = undefined;
  }
  const explain = (): Reply => handleMessage({ text, surface: 'mention' }, { catalog });
  const measure = (fn: () => void) => {
    for (let i = 0; i < 2_000; i++) fn();
    const samples: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const start = performance.now();
      fn();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return {
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
    };
  };
  const rows = [
    {
      name: 'handleMessage + toPlainText',
      ...measure(() => {
        const reply = explain();
        if (reply.kind !== 'none') toPlainText(reply);
      }),
    },
  ];
  if (toCard) {
    const card = toCard;
    rows.push({
      name: 'handleMessage + toAdaptiveCard',
      ...measure(() => {
        const reply = explain();
        if (reply.kind !== 'none') card(reply);
      }),
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const pastes = corpus();
  const log = generateLog(1_000_000);
  const typical = readFileSync(`${PASTES}msal-dotnet.txt`, 'utf8');
  const tput = [
    throughput(`mixed corpus (${pastes.length} pastes, one call each)`, pastes, 200),
    throughput('generated 1 MB log (one call)', [log], 20),
  ];
  const floor = searchesOnly(log);
  const lat = await latency(typical);
  const f = (n: number, d = 1) => n.toFixed(d);
  const table = [
    markdownTable(
      [
        'Extraction',
        'Size',
        'extract() µs per call',
        'bare scan µs per call',
        'extract() MB/s',
        'bare scan MB/s',
        'Ratio (target ≥ 0.5)',
      ],
      tput.map((r) => [
        r.name,
        `${f(r.bytes / 1024, 0)} KB`,
        f(r.perCall),
        f(r.barePerCall, 2),
        f(r.ours),
        f(r.bare),
        `${f(r.ratio, 2)} ${r.ratio >= 0.5 ? '✓' : '✗'}`,
      ]),
      [false, true, true, true, true, true, true],
    ),
    '',
    markdownTable(
      [
        `Explain and render (${typical.length}-character MSAL.NET paste)`,
        'p50 ms',
        'p99 ms (target < 1)',
      ],
      lat.map((r) => [r.name, f(r.p50, 3), `${f(r.p99, 3)} ${r.p99 < 1 ? '✓' : '✗'}`]),
      [false, true, true],
    ),
  ].join('\n');
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}, Node ${process.version}`;
  const results = [
    '# Benchmark results',
    '',
    'Produced by `npm run bench` (bench/run.ts). Numbers depend on the machine; rerun before comparing.',
    '',
    `- Machine: ${machine}`,
    `- Load average when the run ended (1 / 5 / 15 min): ${load}`,
    '- Command: `npm run bench`',
    `- Catalog: ${catalog.size} codes (catalog/catalog.json)`,
    '',
    table,
    '',
    'How it is measured: `extract()` and the bare scan `/AADSTS\\d{5,7}/g` run over the same text in',
    'the same process, in alternating timed batches (9 rounds after a warm-up batch of each); each',
    'figure is the median over the rounds and the ratio is the median of the per-round ratios, so a',
    'busy machine slows both sides alike. A batch is 200 passes over the corpus or 20 over the log,',
    'so the timer is read once per batch, not per call. The mixed corpus is',
    'every paste in test/fixtures/pastes, each extracted on its own as a chat message would be. The',
    'log is generated with a fixed seed (one line in seven carries a code). Latency is measured per',
    'call over 10,000 calls after 2,000 warm-up calls, in wall-clock time. When the load average is',
    'above the number of CPUs, p99 also holds calls that waited while other processes ran: compare',
    'p99 between runs only at similar load.',
    '',
    '## Reading the ratio',
    '',
    'The bare scan is one literal search that V8 runs at memory speed, and it finds only one of the',
    'shapes the extractor handles. On a chat-sized paste `extract()` looks for terminal colour codes,',
    'lower-cases the text, searches it for the code anchors (AADSTS, "code", "result", the header',
    'x-ms-clitelem, and a few anchors for the labels of other languages), for OAuth error names, for the',
    'anchors of the sign-in context labels ("id", "time" and the words for ID and timestamp in other',
    'languages) and for the two secret shapes, reads every hit, and when no code is found also tries',
    'JSON, bare numbers and catalog messages. Searches for a needle that starts with a character the',
    'text does not hold (most non-Latin labels in an English paste) cost next to nothing; each of the',
    'others costs about what the whole bare scan costs, so the',
    `mixed-corpus ratio stays far below 0.5: the bare scan takes ${tput[0]?.barePerCall.toFixed(2) ?? '?'} µs per paste here, and a`,
    'ratio of 0.5 would leave twice that, about two such searches, for the whole extraction.',
    'Meeting it would mean dropping rules the paste corpus requires.',
    '',
    `Beyond the first 64 KB a log is searched for ${TAIL_NEEDLES.length} short needles (${TAIL_NEEDLES.map((n) => `\`${n}\``).join(', ')}).`,
    `Those searches alone, with nothing done per hit, take ${floor.us.toFixed(0)} µs on the log above, a ratio of`,
    `${floor.ratio.toFixed(2)} to the bare scan; reading the ~2,600 hits (an AADSTS code on one line in`,
    'seven, an `error_codes` list on another) accounts for the rest. Longer needles would be rarer but',
    'V8 searches needles of seven or more characters about ten times more slowly here, so the anchors',
    'stay short. Where a row shows ✗ the target is not met on this machine; for a chat message',
    '(capped at 64 KB) the absolute time per call is what a user waits for.',
    '',
  ].join('\n');
  console.log(`${machine}\n\n${table}`);
  // The triage benchmark reads a generated 1,000,000-row export (about a minute); BENCH_SKIP_TRIAGE=1
  // leaves it out and keeps the Triage section the results file already has.
  let triageSection = previousTriageSection();
  if (process.env.BENCH_SKIP_TRIAGE !== '1') {
    const { runTriageBench } = await import('./triage.js');
    const triage = await runTriageBench();
    console.log(triage.markdown);
    triageSection = `\n${triage.markdown}`;
  }
  writeFileSync(`${ROOT}bench/RESULTS.md`, `${results}${triageSection}`);
}

/** the "## Triage" section of the current results file, with the blank line before it, or '' */
function previousTriageSection(): string {
  let current = '';
  try {
    current = readFileSync(`${ROOT}bench/RESULTS.md`, 'utf8');
  } catch {
    return '';
  }
  const at = current.indexOf('\n## Triage');
  return at === -1 ? '' : current.slice(at);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
