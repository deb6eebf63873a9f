// `npm run bench`: runs every bench/*.bench.ts (or the ones named) one after the other under
// tsx, then prints every figure of DESIGN.md section 5 with its target and PASS/MISS from
// bench/results.json. Each figure is a ratio to a baseline measured in the same run where one
// exists. Pass --soak-minutes N to run the memory soak for N minutes (default 1; full: 10).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const soakAt = args.indexOf('--soak-minutes');
const soak = soakAt >= 0 ? args.splice(soakAt, 2) : [];
const files = args.length ? args : readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort().map((f) => path.join('bench', f));
const RESULTS = 'bench/results.json';
if (args.length === 0 && existsSync(RESULTS)) writeFileSync(RESULTS, '{}\n'); // a full run starts clean: no stale figure passes for a bench that failed
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const extra = file.endsWith('memory.bench.ts') ? soak : [];
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...extra], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`!! ${file} exited with ${result.status}`);
  }
}

const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const figures = { ...(results.figures ?? {}) };
// The logging-statement bench keeps its own record; its index figures are ratios to rg.
const ls = results.logStatements;
if (ls?.coldRatio !== undefined) {
  figures.indexCold = { title: 'cold index of logging statements (typescript/lib, 15 MB) vs rg finding the same calls', value: ls.coldRatio, unit: '×', target: { op: '<=', value: 5 } };
  figures.indexWarm = { title: 'warm (cached) index of logging statements vs rg', value: ls.warmRatio, unit: '×', target: { op: '<=', value: 1 } };
}
if (ls?.throughputRatio !== undefined) {
  figures.statementMatch = { title: 'NDJSON + statement match (10k statements) vs bare JSON.parse of the same lines, throughput', value: ls.throughputRatio, unit: '×', target: { op: '>=', value: 0.5 } };
}
if (ls?.hostile_flat_perByteRatio !== undefined) {
  const worst = Math.max(ls.hostile_anchors_perByteRatio, ls.hostile_flat_perByteRatio, ls.hostile_braces_perByteRatio);
  figures.pathological = { title: 'pathological 1 MB lines: per-byte cost vs a 1 KB line (worst of three shapes; 1 is linear)', value: worst, unit: '×', target: { op: '<=', value: 2 } };
}
const pass = (f) => (f.target.op === '<=' ? f.value <= f.target.value : f.target.op === '<' ? f.value < f.target.value : f.value >= f.target.value);
const fmt = (v, unit) => `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)}${unit === '×' ? '×' : ` ${unit}`}`;
console.log(`\n== figures (DESIGN.md section 5) on ${results.machine ?? 'this machine'}`);
let misses = 0;
for (const [id, f] of Object.entries(figures)) {
  const ok = pass(f);
  if (!ok) misses++;
  figures[id] = { ...f, pass: ok };
  console.log(`${ok ? 'PASS' : 'MISS'}  ${fmt(f.value, f.unit).padStart(10)}  target ${f.target.op} ${fmt(f.target.value, f.unit).padEnd(9)} ${f.title}`);
}
writeFileSync(RESULTS, `${JSON.stringify({ ...results, figures }, null, 2)}\n`);
console.log(`${Object.keys(figures).length} figures, ${misses} missed${failed ? `, ${failed} bench(es) failed` : ''}; written to ${RESULTS}`);
process.exit(failed === 0 ? 0 : 1);
