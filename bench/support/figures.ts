// One figure of DESIGN.md section 5: measured value, its baseline from the same run where
// there is one, the target and whether it was met. Every bench records its figures here;
// scripts/runBenchmarks.mjs prints them together and they land in bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Figure {
  id: string;
  title: string;
  /** The measured figure: a ratio to `baseline` when there is one, else an absolute value in `unit`. */
  value: number;
  unit: string;
  target: { op: '<=' | '>=' | '<'; value: number };
  /** What the ratio is taken against, measured in the same run. */
  baseline?: string;
  /** Supporting numbers (absolute times, counts). */
  detail?: Record<string, number | string>;
  /** What limits the figure, when it misses or is bounded by something outside OpsLens. */
  note?: string;
}

const RESULTS = path.join(__dirname, '..', 'results.json');

export function passes(f: Pick<Figure, 'value' | 'target'>): boolean {
  const { op, value } = f.target;
  return op === '<=' ? f.value <= value : op === '<' ? f.value < value : f.value >= value;
}

/** Merges figures into bench/results.json (under `figures`, keyed by id) and prints each. */
export function recordFigures(figures: Figure[]): void {
  const all = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
  const kept = (all.figures ?? {}) as Record<string, unknown>;
  for (const f of figures) {
    kept[f.id] = { ...f, pass: passes(f), at: new Date().toISOString() };
    console.log(`  ${passes(f) ? 'PASS' : 'MISS'} ${f.title}: ${formatValue(f)} (target ${f.target.op} ${f.target.value}${f.unit === '×' ? '×' : ` ${f.unit}`})`);
  }
  all.figures = kept;
  all.machine = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`;
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

export function formatValue(f: Pick<Figure, 'value' | 'unit'>): string {
  const digits = f.value < 10 ? 2 : f.value < 100 ? 1 : 0;
  return f.unit === '×' ? `${f.value.toFixed(digits)}×` : `${f.value.toFixed(digits)} ${f.unit}`;
}
