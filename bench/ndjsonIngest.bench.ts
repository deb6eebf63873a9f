// NDJSON events parsed per second by the file source's parser (line splitting, JSON.parse,
// field mapping for every library, event building), as a ratio to bare JSON.parse over the
// same lines (split from the same chunks) in the same run. The lines are the real libraries' records from
// test/fixtures/logs (pino, bunyan, winston, structlog, Python JSON formatters, zap,
// logrus, logstash-logback-encoder, ECS), repeated to LINES with varying messages.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LogStreamParser } from '../src/core/logRecords/logStreamParser';

const LINES = 60_000;
/** The file source hands each poll's events on; the bench pushes line-aligned chunks of about this size and keeps only counts. */
const CHUNK_CHARS = 1 << 20;
/** Baseline and parser run back to back this many times; the median of the pairs' ratios is reported, so load on the machine cancels out. */
const PAIRS = 15;
const TARGET_RATIO = 0.5;
const DIR = path.join(__dirname, '../test/fixtures/logs');

function fixtureRecords(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split('\n'))
    .filter((line) => line.startsWith('{') && !line.includes('"resourceLogs"'));
}

/** Each copy gets its own message, so no two lines are the same string. */
function workload(records: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; lines.length < LINES; i++) {
    const record = records[i % records.length]!;
    const parsed = JSON.parse(record) as Record<string, unknown>;
    for (const key of ['msg', 'message', 'event']) if (typeof parsed[key] === 'string') parsed[key] = `${String(parsed[key])} #${i}`;
    lines.push(JSON.stringify(parsed));
  }
  return lines;
}

function timed(run: () => number): { ms: number; count: number } {
  const start = process.hrtime.bigint();
  const count = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Line-aligned chunks of about CHUNK_CHARS, as successive reads of a growing file deliver them. */
function chunks(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    current.push(line);
    size += line.length + 1;
    if (size >= CHUNK_CHARS) {
      out.push(current.join('\n') + '\n');
      current = [];
      size = 0;
    }
  }
  if (current.length) out.push(current.join('\n') + '\n');
  return out;
}

const records = fixtureRecords();
const lines = workload(records);
const textChunks = chunks(lines);
const totalChars = textChunks.reduce((n, c) => n + c.length, 0);
const now = (): number => 0;

// The baseline gets its lines the way any reader of a file must: split from the same chunks.
function baseline(): number {
  let parsed = 0;
  for (const chunk of textChunks) for (const line of chunk.split('\n')) if (line !== '' && JSON.parse(line) !== null) parsed++;
  return parsed;
}

function ours(): number {
  const parser = new LogStreamParser('bench', { now });
  let events = 0;
  for (const chunk of textChunks) {
    const result = parser.push(chunk);
    if (result.skipped !== 0) throw new Error(`${result.skipped} lines skipped`);
    events += result.events.length;
  }
  return events + parser.flush().events.length;
}

baseline(); // warm up both before measuring
ours();
const ratios: number[] = [];
const baselineRates: number[] = [];
const ourRates: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  // Alternate which runs first, so neither always pays for the garbage the other left.
  const first = i % 2 === 0 ? timed(baseline) : timed(ours);
  const second = i % 2 === 0 ? timed(ours) : timed(baseline);
  const [b, o] = i % 2 === 0 ? [first, second] : [second, first];
  baselineRates.push((b.count / b.ms) * 1000);
  ourRates.push((o.count / o.ms) * 1000);
  ratios.push(ourRates[i]! / baselineRates[i]!);
}
const ratio = median(ratios);
console.log(`NDJSON ingest: ${records.length} real records, ${LINES.toLocaleString('en')} lines (${(totalChars / 1e6).toFixed(1)} MB, pushed in ${textChunks.length} chunks), ${PAIRS} back-to-back pairs`);
console.log(`  split + bare JSON.parse:  ${Math.round(median(baselineRates)).toLocaleString('en')} lines/s (median)`);
console.log(`  LogStreamParser → events: ${Math.round(median(ourRates)).toLocaleString('en')} events/s (median)`);
console.log(`  ratio: ${ratio.toFixed(2)} median of pairs, ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (target ≥ ${TARGET_RATIO})${ratio >= TARGET_RATIO ? '' : '  BELOW TARGET'}`);
