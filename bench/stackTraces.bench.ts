// Stack frames parsed per second by parseStackTrace over the real fixture traces, as a ratio to
// a baseline measured in the same run over the same texts: String.prototype.split('\n'), the
// least any line-based parser must do. Run: node --import tsx bench/stackTraces.bench.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseStackTrace } from '../src/core/stackTraces/parseStackTrace';

const FIXTURES = path.resolve(__dirname, '../test/fixtures/stacktraces');
/** Traces per measured batch: each is parsed on its own, as events arrive one at a time. */
const BATCH = 20_000;
const ROUNDS = 5;

function loadTraces(): { runtime: string; text: string }[] {
  return readdirSync(FIXTURES)
    .filter((d) => d !== 'programs' && statSync(path.join(FIXTURES, d)).isDirectory())
    .flatMap((runtime) =>
      readdirSync(path.join(FIXTURES, runtime))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => ({ runtime, text: readFileSync(path.join(FIXTURES, runtime, f), 'utf8') })),
    );
}

/** Best time of a few rounds, in seconds, to run `work` over every text of the batch. */
function bestSeconds(texts: readonly string[], work: (text: string) => number): { seconds: number; count: number } {
  let best = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    count = 0;
    const start = process.hrtime.bigint();
    for (const text of texts) count += work(text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: best, count };
}

function countFrames(text: string): number {
  const parsed = parseStackTrace(text);
  return parsed ? parsed.exceptions.reduce((n, e) => n + e.frames.length, 0) : 0;
}

function measure(label: string, texts: readonly string[]): void {
  const baseline = bestSeconds(texts, (t) => t.split('\n').length);
  const parsed = bestSeconds(texts, countFrames);
  const framesPerSecond = parsed.count / parsed.seconds;
  const ratio = parsed.seconds / baseline.seconds;
  console.log(
    `${label.padEnd(8)} ${Math.round(framesPerSecond).toLocaleString('en').padStart(12)} frames/s  ` +
      `${(ratio).toFixed(1).padStart(5)}x the time of split('\\n') over the same ${texts.length.toLocaleString('en')} traces`,
  );
}

function batchOf(texts: readonly string[]): string[] {
  // Fresh string copies, so no engine-side cache of a previous split or parse is reused.
  return Array.from({ length: BATCH }, (_, i) => ` ${texts[i % texts.length]!}`.slice(1));
}

const traces = loadTraces();
console.log(`stack trace parsing: ${traces.length} real and documented traces, batches of ${BATCH.toLocaleString('en')}, best of ${ROUNDS}`);
measure('all', batchOf(traces.map((t) => t.text)));
for (const runtime of [...new Set(traces.map((t) => t.runtime))].sort()) {
  measure(runtime, batchOf(traces.filter((t) => t.runtime === runtime).map((t) => t.text)));
}
