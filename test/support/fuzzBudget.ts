// Loaded before every unit test file (scripts/runUnitTests.mjs): fast-check runs with a fixed
// seed, so `npm test` checks the same cases every time. OPSLENS_FUZZ_SEED picks another seed
// (`random`: a new one per run, what `npm run fuzz` uses over several rounds);
// OPSLENS_FUZZ_FACTOR multiplies the default numRuns and `fuzzRuns(n)`. A failing property
// prints its seed and counterexample: SECURITY.md ("Fuzzing") says how to keep it.
import fc from 'fast-check';

const factor = Math.max(1, Number(process.env.OPSLENS_FUZZ_FACTOR ?? 1) || 1);
const setting = process.env.OPSLENS_FUZZ_SEED ?? '20261126';
const seed = setting === 'random' ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0 : Number(setting);

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed, numRuns: 100 * factor });

/** A property's run count under the current budget. */
export function fuzzRuns(n: number): number {
  return n * factor;
}
