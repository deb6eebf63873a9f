// Language-server memory (DESIGN.md section 5), measured in a child process that holds only
// what the server holds for a folder:
//  1. RSS after 1M events in the window spread over 100k groups (WorkspaceSession + file
//     source + analyzer on the generated scale workspace), target < 150 MB; the child's RSS
//     before loading the workspace is the baseline;
//  2. a soak: a writer appends to the followed log at a steady rate while the session polls;
//     RSS sampled throughout, the slope over the second half reported in MB/min (flat ≈ 0).
//     Bounded: stops after --soak-minutes (default 1; the full soak is 10).
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceSession } from '../src/server/workspaceSession';
import { recordFigures } from './support/figures';
import { DEFAULT_SCALE, logLine, writeScaleWorkspace } from './support/scaleWorkspace';

const ROOT = path.join(os.tmpdir(), 'opslens-bench-memory');
const EVENTS = 1_000_000;
const SOAK_LINES_PER_S = 5_000;
const BATCH = 50_000;
const quiet = { info: () => undefined, warn: (m: string) => console.error(m), error: (m: string) => console.error(m) };
const mb = (): number => process.memoryUsage().rss / 2 ** 20;

function gcNow(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Least-squares slope of (minute, MB) samples. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function child(soakMinutes: number): Promise<void> {
  gcNow();
  const baselineMb = mb();
  const session = new WorkspaceSession(ROOT, quiet);
  await session.start();
  // 1M events appended in batches the way a busy service writes them, each followed by a poll
  // (a first read takes at most the last 64 MB of a file, so one giant file would not all count).
  const log = path.join(ROOT, 'logs', 'app.ndjson');
  const t0 = Date.now() - 3_600_000;
  for (let i = 0; i < EVENTS; i += BATCH) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) lines.push(logLine(j, t0 + Math.floor((j / EVENTS) * 3_000_000), DEFAULT_SCALE));
    appendFileSync(log, `${lines.join('\n')}\n`);
    await session.poll();
  }
  gcNow();
  const loadedMb = mb();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const groups = session.groups().length;
  const events = session.groups().reduce((n, g) => n + g.count, 0);
  // Soak: append at a steady rate, poll twice a second, sample RSS every 2 s.
  const samples: [number, number][] = [];
  const start = Date.now();
  let written = 0;
  while (Date.now() - start < soakMinutes * 60_000) {
    const due = Math.floor(((Date.now() - start) / 1000) * SOAK_LINES_PER_S);
    const lines: string[] = [];
    for (; written < due; written++) lines.push(logLine(written, Date.now(), DEFAULT_SCALE));
    if (lines.length > 0) appendFileSync(log, `${lines.join('\n')}\n`);
    await session.poll();
    if (samples.length === 0 || Date.now() - start >= samples.length * 2000) samples.push([(Date.now() - start) / 60_000, mb()]);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  gcNow();
  const soakHeapEndMb = process.memoryUsage().heapUsed / 2 ** 20;
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  process.stdout.write(JSON.stringify({ baselineMb, loadedMb, heapMb, soakHeapEndMb, groups, events, soakSlope: slope(secondHalf), soakWritten: written, soakStartMb: samples[0]?.[1], soakEndMb: samples.at(-1)?.[1], soakPeakMb: Math.max(...samples.map((s) => s[1])) }));
}

function parent(): void {
  const at = process.argv.indexOf('--soak-minutes');
  const soakMinutes = at > 0 ? Number(process.argv[at + 1]) : 1;
  console.log(`generating ${ROOT} (${EVENTS.toLocaleString('en')} events over ${(DEFAULT_SCALE.errorGroups + 10_000).toLocaleString('en')} groups)…`);
  writeScaleWorkspace(ROOT, { ...DEFAULT_SCALE, events: 0 });
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', String(soakMinutes)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`memory child failed (${run.status})`);
  const r = JSON.parse(run.stdout) as Record<string, number>;
  console.log(`  child RSS: ${r.baselineMb!.toFixed(0)} MB before the workspace, ${r.loadedMb!.toFixed(0)} MB with ${r.events!.toLocaleString('en')} events in ${r.groups!.toLocaleString('en')} groups`);
  console.log(`  soak ${soakMinutes} min at ${SOAK_LINES_PER_S} lines/s (${r.soakWritten!.toLocaleString('en')} lines): RSS ${r.soakStartMb!.toFixed(0)} → ${r.soakEndMb!.toFixed(0)} MB, peak ${r.soakPeakMb!.toFixed(0)} MB`);
  recordFigures([
    {
      id: 'serverMemory',
      title: `server RSS with ${(r.events! / 1e6).toFixed(1)}M events over ${Math.round(r.groups! / 1000)}k groups (child process)`,
      value: r.loadedMb!,
      unit: 'MB',
      target: { op: '<', value: 150 },
      baseline: 'the same child before loading the workspace (detail.baselineMb)',
      note: 'RSS keeps the heap V8 grew to while parsing 1M events; the live heap after a full GC is detail.heapUsedMb (about 2 KB per group: message, type, stack trace, samples, 24 hourly counts)',
      detail: { heapUsedMb: r.heapMb!, baselineMb: r.baselineMb!, ratioToBaseline: r.loadedMb! / r.baselineMb!, groups: r.groups!, events: r.events! },
    },
    {
      id: 'soakSlope',
      title: `RSS slope over the second half of a ${soakMinutes}-minute soak at ${SOAK_LINES_PER_S} appended lines/s`,
      value: r.soakSlope!,
      unit: 'MB/min',
      target: { op: '<=', value: 2 },
      detail: { heapAfterLoadMb: r.heapMb!, heapAfterSoakMb: r.soakHeapEndMb!, minutes: soakMinutes, linesWritten: r.soakWritten!, startMb: r.soakStartMb!, endMb: r.soakEndMb!, peakMb: r.soakPeakMb! },
    },
  ]);
}

if (process.argv[2] === '--child') void child(Number(process.argv[3]));
else parent();
