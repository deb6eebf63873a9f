// Language-server memory (DESIGN.md section 5), measured in a child process that holds only
// what the server holds for a folder:
//  1. RSS after 1M events in the window spread over 100k groups (WorkspaceSession + file
//     source + analyzer on the generated scale workspace), target < 150 MB; the child's RSS
//     before loading the workspace is the baseline;
//  2. a soak: a writer appends to the followed log at a steady rate while the session polls;
//     RSS sampled throughout, the slope over the second half reported in MB/min (flat ≈ 0).
//     Bounded: stops after --soak-minutes (default 1; the full soak is 10).
// The child is this file bundled with esbuild and run by plain `node`, as users run
// dist/server.js (under tsx a loader thread and the TypeScript transform would count too).
// The log is written by separate writer processes, as a service writes it: the writer's
// strings are not the server's memory.
// The child runs with the server's Node options (src/serverOptions.ts), as the client starts it.
// `--heap-snapshot DIR` writes heap snapshots after loading and after the soak; `--trace` prints
// the parts of RSS during the soak; `--node-flags '…'` runs the child with other Node options.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { WorkspaceSession } from '../src/server/workspaceSession';
import { SERVER_NODE_OPTIONS } from '../src/serverOptions';
import { recordFigures } from './support/figures';
import { DEFAULT_SCALE, logLine, writeScaleWorkspace } from './support/scaleWorkspace';

const ROOT = path.join(os.tmpdir(), 'opslens-bench-memory');
const LOG = path.join(ROOT, 'logs', 'app.ndjson');
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

function argAfter(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/**
 * RSS once V8 has handed back what the last GC freed: it unmaps freed pages from a
 * background task, so RSS read right after `gc()` still counts them. Sampled every 250 ms
 * until it stops falling (at most 10 s), as a server sits between polls.
 */
async function settledRss(): Promise<number> {
  let last = mb();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = mb();
    if (now > last - 1) return Math.min(now, last);
    last = now;
  }
  return last;
}

/** `--heap-snapshot DIR`: what holds the heap. */
function snapshotTo(name: string): void {
  const dir = argAfter('--heap-snapshot');
  if (dir) console.error(`  heap snapshot: ${v8.writeHeapSnapshot(path.join(dir, `${name}.heapsnapshot`))}`);
}

/** `--trace`: the parts of RSS at each soak sample, on stderr. */
function traceMemory(sample: number): void {
  const m = process.memoryUsage();
  const part = (n: number): string => (n / 2 ** 20).toFixed(0).padStart(5);
  console.error(`  #${sample}: rss ${part(m.rss)} heapTotal ${part(m.heapTotal)} heapUsed ${part(m.heapUsed)} external ${part(m.external)} arrayBuffers ${part(m.arrayBuffers)}`);
}

/** `--trace`: where the resident memory is, by mapping (the brk heap is malloc's, anonymous maps V8's or malloc's). */
function traceMappings(): void {
  const rss = new Map<string, number>();
  let name = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+(?: +(.*))?$/.exec(line);
    if (head) name = head[1] || '(anonymous)';
    else if (line.startsWith('Rss:')) rss.set(name, (rss.get(name) ?? 0) + Number(line.split(/\s+/)[1]) / 1024);
  }
  const top = [...rss].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.error(`  resident by mapping: ${top.map(([n, v]) => `${path.basename(n)} ${v.toFixed(0)} MB`).join(', ')}`);
}

/** Writer process: lines [from, to) of the load, dated across the 50 minutes before `t0 + 50 min`. */
function writeBatch(from: number, to: number, t0: number): void {
  const lines: string[] = [];
  for (let j = from; j < to; j++) lines.push(logLine(j, t0 + Math.floor((j / EVENTS) * 3_000_000), DEFAULT_SCALE));
  appendFileSync(LOG, `${lines.join('\n')}\n`);
}

/** Writer process for the soak: appends SOAK_LINES_PER_S lines a second, dated now, for `minutes`. */
async function soakWriter(minutes: number): Promise<void> {
  const start = Date.now();
  let written = 0;
  while (Date.now() - start < minutes * 60_000) {
    const due = Math.floor(((Date.now() - start) / 1000) * SOAK_LINES_PER_S);
    const lines: string[] = [];
    for (; written < due; written++) lines.push(logLine(written, Date.now(), DEFAULT_SCALE));
    if (lines.length > 0) appendFileSync(LOG, `${lines.join('\n')}\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stdout.write(String(written));
}

function runWriter(args: string[]): void {
  const run = spawnSync(process.execPath, [__filename, ...args], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`writer failed (${run.status})`);
}

async function child(soakMinutes: number): Promise<void> {
  gcNow();
  const baselineMb = mb();
  const session = new WorkspaceSession(ROOT, quiet);
  await session.start();
  gcNow();
  const startedHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
  // 1M events appended in batches the way a busy service writes them, each followed by a poll
  // (a first read takes at most the last 64 MB of a file, so one giant file would not all count).
  const t0 = Date.now() - 3_600_000;
  const loadStart = Date.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    runWriter(['--write', String(i), String(Math.min(EVENTS, i + BATCH)), String(t0)]);
    await session.poll();
  }
  const loadSeconds = (Date.now() - loadStart) / 1000;
  gcNow();
  const rightAfterGcMb = mb();
  const loadedMb = await settledRss();
  const loaded = process.memoryUsage();
  const groups = session.groups().length;
  const events = session.groups().reduce((n, g) => n + g.count, 0);
  snapshotTo('loaded');
  if (process.argv.includes('--trace')) traceMappings();
  // Soak: a writer process appends at a steady rate; the session polls twice a second, RSS sampled every 2 s.
  const samples: [number, number][] = [];
  const start = Date.now();
  const writer = spawn(process.execPath, [__filename, '--soak-writer', String(soakMinutes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let written = '';
  writer.stdout.on('data', (d: Buffer) => (written += d.toString()));
  const done = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
  let writing = true;
  void done.then(() => (writing = false));
  while (writing) {
    await session.poll();
    if (samples.length === 0 || Date.now() - start >= samples.length * 2000) {
      samples.push([(Date.now() - start) / 60_000, mb()]);
      if (process.argv.includes('--trace')) traceMemory(samples.length);
    }
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 500))]);
  }
  await session.poll();
  gcNow();
  const soakHeapEndMb = process.memoryUsage().heapUsed / 2 ** 20;
  const groupsAfterSoak = session.groups().length;
  snapshotTo('soaked');
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  process.stdout.write(
    JSON.stringify({
      baselineMb,
      loadedMb,
      rightAfterGcMb,
      loadSeconds,
      heapMb: loaded.heapUsed / 2 ** 20,
      startedHeapMb,
      heapTotalMb: loaded.heapTotal / 2 ** 20,
      externalMb: loaded.external / 2 ** 20,
      soakHeapEndMb,
      groupsAfterSoak,
      groups,
      events,
      soakSlope: slope(secondHalf),
      soakWritten: Number(written),
      soakStartMb: samples[0]?.[1],
      soakEndMb: samples.at(-1)?.[1],
      soakPeakMb: Math.max(...samples.map((s) => s[1])),
    }),
  );
}

/** This file as one CommonJS bundle, like dist/server.js (next to node_modules, which holds the grammars). */
async function bundleChild(): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = path.join(__dirname, '..', 'out', 'bench', 'memoryChild.js');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({ entryPoints: [__filename], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['esbuild'], logLevel: 'warning' });
  return outfile;
}

async function parent(): Promise<void> {
  const soakMinutes = Number(argAfter('--soak-minutes') ?? 1);
  console.log(`generating ${ROOT} (${EVENTS.toLocaleString('en')} events over ${(DEFAULT_SCALE.errorGroups + 10_000).toLocaleString('en')} groups)…`);
  writeScaleWorkspace(ROOT, { ...DEFAULT_SCALE, events: 0 });
  const snapshotDir = argAfter('--heap-snapshot');
  const snapshot = snapshotDir ? ['--heap-snapshot', path.resolve(snapshotDir)] : [];
  if (process.argv.includes('--trace')) snapshot.push('--trace');
  const bundle = await bundleChild();
  // The server's own Node options (as the VS Code client starts it); `--node-flags '…'` tries others.
  const given = argAfter('--node-flags');
  const nodeFlags = given === undefined ? [...SERVER_NODE_OPTIONS] : given.split(' ').filter(Boolean);
  const run = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, bundle, '--child', String(soakMinutes), ...snapshot], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`memory child failed (${run.status})`);
  const r = JSON.parse(run.stdout) as Record<string, number>;
  console.log(`  child RSS: ${r.baselineMb!.toFixed(0)} MB before the workspace, ${r.loadedMb!.toFixed(0)} MB with ${r.events!.toLocaleString('en')} events in ${r.groups!.toLocaleString('en')} groups (${r.rightAfterGcMb!.toFixed(0)} MB right after the GC)`);
  const bytesPerGroup = ((r.heapMb! - r.startedHeapMb!) * 2 ** 20) / r.groups!;
  console.log(`  node ${nodeFlags.join(' ')}`);
  console.log(`  load: ${r.loadSeconds!.toFixed(1)} s to write, read and aggregate the 1M events`);
  console.log(`  after a full GC: heap used ${r.heapMb!.toFixed(0)} MB of ${r.heapTotalMb!.toFixed(0)} MB (${r.startedHeapMb!.toFixed(0)} MB before the events: ${bytesPerGroup.toFixed(0)} bytes per group), external ${r.externalMb!.toFixed(0)} MB`);
  console.log(
    `  soak ${soakMinutes} min at ${SOAK_LINES_PER_S} lines/s (${r.soakWritten!.toLocaleString('en')} lines): RSS ${r.soakStartMb!.toFixed(0)} → ${r.soakEndMb!.toFixed(0)} MB, peak ${r.soakPeakMb!.toFixed(0)} MB; after it ${r.groupsAfterSoak!.toLocaleString('en')} groups, heap ${r.soakHeapEndMb!.toFixed(0)} MB`,
  );
  recordFigures([
    {
      id: 'serverMemory',
      title: `server RSS with ${(r.events! / 1e6).toFixed(1)}M events over ${Math.round(r.groups! / 1000)}k groups (child process)`,
      value: r.loadedMb!,
      unit: 'MB',
      target: { op: '<', value: 150 },
      baseline: 'the same child before loading the workspace (detail.baselineMb)',
      note: 'RSS after a full GC, once V8 has unmapped the freed pages (detail.rightAfterGcMb before that); detail.heapUsedMb is the live heap, detail.heapTotalMb what V8 keeps of the heap it grew to',
      detail: { nodeOptions: nodeFlags.join(' '), loadSeconds: r.loadSeconds!, rightAfterGcMb: r.rightAfterGcMb!, heapUsedMb: r.heapMb!, heapBeforeEventsMb: r.startedHeapMb!, heapBytesPerGroup: bytesPerGroup, heapTotalMb: r.heapTotalMb!, externalMb: r.externalMb!, baselineMb: r.baselineMb!, ratioToBaseline: r.loadedMb! / r.baselineMb!, groups: r.groups!, events: r.events! },
    },
    {
      id: 'soakSlope',
      title: `RSS slope over the second half of a ${soakMinutes}-minute soak at ${SOAK_LINES_PER_S} appended lines/s`,
      value: r.soakSlope!,
      unit: 'MB/min',
      target: { op: '<=', value: 2 },
      detail: { heapAfterLoadMb: r.heapMb!, heapAfterSoakMb: r.soakHeapEndMb!, groupsAfterSoak: r.groupsAfterSoak!, minutes: soakMinutes, linesWritten: r.soakWritten!, startMb: r.soakStartMb!, endMb: r.soakEndMb!, peakMb: r.soakPeakMb! },
    },
  ]);
}

const mode = process.argv[2];
if (mode === '--child') void child(Number(process.argv[3]));
else if (mode === '--write') writeBatch(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]));
else if (mode === '--soak-writer') void soakWriter(Number(process.argv[3]));
else void parent();
