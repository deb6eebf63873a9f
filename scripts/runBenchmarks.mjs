// Runs every bench/*.bench.ts (or the ones named) one after the other under tsx. Each
// prints its figures as ratios to a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const named = process.argv.slice(2);
const files = named.length ? named : readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort().map((f) => path.join('bench', f));
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
