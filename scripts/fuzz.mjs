// `npm run fuzz`: the property tests (every test file that uses fast-check), ROUNDS times
// (default 10) each with a new random seed, and properties without a fixed numRuns at 10× the
// runs (OPSLENS_FUZZ_FACTOR, OPSLENS_FUZZ_SEED, OPSLENS_FUZZ_ROUNDS override). A failure prints
// the seed and the shrunk counterexample; see SECURITY.md "Fuzzing" to keep it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return find(full);
    return e.name.endsWith('.test.ts') && readFileSync(full, 'utf8').includes("from 'fast-check'") ? [full] : [];
  });
}

const files = find('test/unit').sort();
console.log(`fuzzing with ${files.length} property test files`);
const env = { ...process.env, OPSLENS_FUZZ_FACTOR: process.env.OPSLENS_FUZZ_FACTOR ?? '10', OPSLENS_FUZZ_SEED: process.env.OPSLENS_FUZZ_SEED ?? 'random' };
const rounds = Number(process.env.OPSLENS_FUZZ_ROUNDS ?? 10);
for (let round = 1; round <= rounds; round++) {
  console.log(`\n== fuzz round ${round}/${rounds}`);
  const result = spawnSync(process.execPath, ['scripts/runUnitTests.mjs', ...files], { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
