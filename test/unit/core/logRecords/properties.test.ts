// Property-based tests: log text is attacker-controlled, so random and mutated input must
// never throw, every event must be well formed, and parse time must stay linear in the
// input's size (checked as a ratio between two sizes, never as an absolute time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ProdEvent } from '../../../../src/core/events';
import { eventFromJsonRecord } from '../../../../src/core/logRecords/jsonRecord';
import { parseLogfmt } from '../../../../src/core/logRecords/logfmt';
import { LogStreamParser } from '../../../../src/core/logRecords/logStreamParser';
import { parseLogText } from '../../../../src/core/logRecords/parseLogText';
import { parseTimestamp } from '../../../../src/core/logRecords/timestamps';

const NOW = Date.UTC(2026, 0, 15, 12);
const now = (): number => NOW;
const DIR = path.join(__dirname, '../../../fixtures/logs');
const FIXTURE_LINES = readdirSync(DIR)
  .filter((f) => f.endsWith('.log'))
  .flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split('\n'));

function assertWellFormed(events: ProdEvent[]): void {
  for (const e of events) {
    assert.equal(typeof e.message, 'string');
    assert.ok(Number.isFinite(e.timestamp), `timestamp ${e.timestamp}`);
    assert.equal(e.source, 's');
    if (e.code) assert.equal(typeof e.code.filepath, 'string');
    if (e.code?.lineno !== undefined) assert.ok(Number.isInteger(e.code.lineno) && e.code.lineno > 0);
    if (e.exception?.stacktrace !== undefined) assert.equal(typeof e.exception.stacktrace, 'string');
  }
}

/** Characters that steer the scanners: quotes, escapes, brackets, separators, NUL, newlines. */
const steeringChar = fc.constantFrom('{', '}', '"', '\\', '=', ' ', '\t', ':', '[', ']', '<', '>', '-', '\u0000', '\n', '\r', '0', '9', 'T', 'Z', '.', ',', 'E');
const nastyText = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: steeringChar }), fc.constantFrom(...FIXTURE_LINES)), { maxLength: 30 }).map((parts) => parts.join('\n'));

void test('random and fixture-shaped text never throws and gives well-formed events', () => {
  fc.assert(
    fc.property(nastyText, (text) => {
      const parsed = parseLogText(text, 's', { now });
      assertWellFormed(parsed.events);
      assert.ok(parsed.skipped >= 0);
    }),
    { numRuns: 400 },
  );
});

const mutation = fc.record({ at: fc.nat(), cut: fc.boolean(), insert: fc.string({ unit: steeringChar, maxLength: 4 }) });

void test('real fixture lines, truncated or with characters spliced in, never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...FIXTURE_LINES), mutation), { minLength: 1, maxLength: 20 }), (items) => {
      const text = items
        .map(([line, m]) => {
          const at = line.length === 0 ? 0 : m.at % line.length;
          return m.cut ? line.slice(0, at) : line.slice(0, at) + m.insert + line.slice(at);
        })
        .join('\n');
      assertWellFormed(parseLogText(text, 's', { now }).events);
    }),
    { numRuns: 400 },
  );
});

const KNOWN_KEYS = ['time', 'ts', '@timestamp', 'timeUnixNano', 'level', 'log.level', 'severityNumber', 'msg', 'message', 'body', 'err', 'error', 'exception', 'stack', 'caller', 'file', 'code', 'code.lineno', 'lineno', 'service', 'attributes', 'resource', 'resourceLogs', 'src', 'log', 'caller_class_name', 'caller_file_name'];

void test('any JSON value under known keys maps without throwing', () => {
  const value = fc.jsonValue({ maxDepth: 4 });
  const record = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string()), value, { maxKeys: 12 });
  fc.assert(
    fc.property(record, (r) => {
      const event = eventFromJsonRecord(r, 's', now);
      if (event) assertWellFormed([event]);
      assertWellFormed(parseLogText(JSON.stringify(r), 's', { now }).events);
    }),
    { numRuns: 500 },
  );
});

void test('logfmt: any values written with logfmt quoting read back unchanged', () => {
  const key = fc.string({ unit: fc.constantFrom('a', 'b', 'k', '_', '.', '1'), minLength: 1, maxLength: 6 });
  const quote = (v: string): string => '"' + v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\t', '\\t').replaceAll('\r', '\\r') + '"';
  fc.assert(
    fc.property(fc.dictionary(key, fc.string({ unit: 'grapheme' }), { maxKeys: 6 }), fc.string({ unit: 'grapheme' }), (pairs, msg) => {
      const all = { ...pairs, level: 'info', msg };
      const line = Object.entries(all)
        .map(([k, v]) => `${k}=${quote(v)}`)
        .join(' ');
      assert.deepEqual(parseLogfmt(line), all);
    }),
    { numRuns: 400 },
  );
});

void test('pushing a text in arbitrary line-aligned chunks gives the same events as one push', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FIXTURE_LINES), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (lines, cuts) => {
      const whole = parseLogText(lines.join('\n') + '\n', 's', { now });
      const parser = new LogStreamParser('s', { now });
      const events: ProdEvent[] = [];
      let skipped = 0;
      const points = [...new Set(cuts.map((c) => (lines.length === 0 ? 0 : c % lines.length)))].sort((a, b) => a - b);
      let from = 0;
      for (const point of [...points, lines.length]) {
        const out = parser.push(lines.slice(from, point).map((l) => l + '\n').join(''));
        events.push(...out.events);
        skipped += out.skipped;
        from = point;
      }
      const rest = parser.flush();
      assert.deepEqual({ events: [...events, ...rest.events], skipped: skipped + rest.skipped }, whole);
    }),
    { numRuns: 200 },
  );
});

void test('ISO 8601 times read as Date.parse reads them, in every fraction length and offset', () => {
  const date = fc.date({ min: new Date(Date.UTC(1971, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true });
  fc.assert(
    fc.property(date, fc.integer({ min: 0, max: 6 }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, digits, offsetMinutes) => {
      const iso = d.toISOString();
      const base = iso.slice(0, 19);
      const fraction = digits === 0 ? '' : '.' + (iso.slice(20, 23) + '000').slice(0, digits);
      assert.equal(parseTimestamp(base + fraction + 'Z'), Date.parse(base + fraction + 'Z'));
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      assert.equal(parseTimestamp(base + fraction + zone), Date.parse(base + fraction + zone));
    }),
    { numRuns: 500 },
  );
});

/** Best of several interleaved runs of each input: the least disturbed by GC and by other work on the machine. */
function bestTimes(a: () => void, b: () => void): [number, number] {
  const best: [number, number] = [Infinity, Infinity];
  for (let i = 0; i < 7; i++) {
    [a, b].forEach((run, k) => {
      const start = process.hrtime.bigint();
      run();
      best[k] = Math.min(best[k]!, Number(process.hrtime.bigint() - start));
    });
  }
  return best;
}

/** Inputs built to trip backtracking or rescanning: each is made of `n` repetitions of a unit. */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  'one line of open braces': (n) => '{'.repeat(n),
  'an unterminated JSON string with NULs': (n) => '{"msg":"' + 'a\u0000'.repeat(n),
  'logfmt escaped quotes never closed': (n) => 'level=error msg="' + '\\"'.repeat(n),
  'a header followed by endless bracket tokens': (n) => '2026-01-15 12:00:00 ' + '[x] '.repeat(n),
  'digits and colons with no newline': (n) => '2026-01-15T12:00:0'.repeat(n),
  'many short lines of level words': (n) => 'ERROR:\n'.repeat(n),
  'many tracebacks': (n) => 'Traceback (most recent call last):\n  File "a.py", line 1, in f\n'.repeat(n),
  'continuation lines under one header': (n) => '2026-01-15 12:00:00 ERROR x - y\n' + '\tat a.B.c(B.java:1)\n'.repeat(n),
  'Node crash locations': (n) => '/app/x.js:1\n'.repeat(n),
  'an error header word repeated': (n) => '[2026-01-15T12:00:00.000] [ERROR] a - ' + 'Error '.repeat(n) + '\n    at f (/a.js:1:1)\n',
};

/** Line-aligned pieces of about 64 kB, as the file source reads them; a longer line is a piece of its own. */
function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', Math.min(text.length, start + 65_536));
    const end = newline < 0 ? text.length : newline + 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** Parses as the file source does, keeping only counts: the cost measured is the parser's, not that of holding its output. */
function streamThrough(chunks: string[]): number {
  const parser = new LogStreamParser('s', { now });
  let events = 0;
  for (const chunk of chunks) events += parser.push(chunk).events.length;
  return events + parser.flush().events.length;
}

void test('parse time grows linearly with input size on adversarial input', () => {
  const factor = 8;
  const bound = factor * 5;
  for (const [name, build] of Object.entries(ADVERSARIAL)) {
    // About 30 kB for the small input, 240 kB for the large one, whatever the unit's length.
    const small = Math.ceil(30_000 / build(1).length);
    const a = chunksOf(build(small));
    const b = chunksOf(build(small * factor));
    // Linear gives about 8, quadratic 64 or more. Other test files run alongside and can
    // preempt the longer run, so the bound is generous and a ratio over it is measured
    // again; a quadratic one fails every time (an injected one measured over 100).
    let ratio = Infinity;
    for (let attempt = 0; attempt < 3 && ratio >= bound; attempt++) {
      const [smallTime, largeTime] = bestTimes(
        () => streamThrough(a),
        () => streamThrough(b),
      );
      ratio = largeTime / smallTime;
    }
    assert.ok(ratio < bound, `${name}: ${factor}× the input took ${ratio.toFixed(1)}× the time`);
  }
});

void test('a 1 MB line with NUL bytes is parsed or skipped, never fatal', () => {
  const huge = 'x\u0000'.repeat(512 * 1024);
  const parsed = parseLogText(`${JSON.stringify({ level: 50, msg: huge })}\n${huge}\n2026-01-15 12:00:00 ERROR big - ${huge}\n`, 's', { now });
  assert.equal(parsed.events.length, 2);
  assert.equal(parsed.events[0]?.message.length, huge.length);
  assert.equal(parsed.skipped, 1);
});
