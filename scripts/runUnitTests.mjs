// Runs every test/unit/**/*.test.ts under Node's own test runner, with tsx for TypeScript.
// (Node 20's --test takes no globs; this lists the files itself.)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return find(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit'];
const files = roots.flatMap((r) => (r.endsWith('.ts') ? [r] : find(r))).sort();
if (files.length === 0) {
  console.error('no unit test files found');
  process.exit(1);
}
const reporter = 'spec';
// fuzzBudget: fast-check with a fixed seed and a run budget (npm run fuzz raises it).
const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/support/fuzzBudget.ts', '--test', `--test-reporter=${reporter}`, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
