import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParsedStackTrace } from '../../../../src/core/events';
import { parseDotnetStack } from '../../../../src/core/stackTraces/dotnet';
import { parseFirefoxStack } from '../../../../src/core/stackTraces/firefox';
import { parseGoStack } from '../../../../src/core/stackTraces/go';
import { parseJvmStack } from '../../../../src/core/stackTraces/jvm';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { parsePhpStack } from '../../../../src/core/stackTraces/php';
import { parsePythonStack } from '../../../../src/core/stackTraces/python';
import { parseRubyStack } from '../../../../src/core/stackTraces/ruby';
import { parseV8Stack } from '../../../../src/core/stackTraces/v8';
import { loadStackFixtures } from './fixtureFiles';

const PARSERS: Record<string, (text: string) => ParsedStackTrace | undefined> = {
  parseStackTrace,
  parseV8Stack,
  parseFirefoxStack,
  parsePythonStack,
  parseJvmStack,
  parseGoStack,
  parseRubyStack,
  parseDotnetStack,
  parsePhpStack,
};

const fixtureTexts = loadStackFixtures().map((f) => f.text);

/** Pieces of every format, so random text often looks like a trace and reaches deep branches. */
const TOKENS = [
  '\n', '\t', ' ', '    at ', 'at ', '(', ')', ':', '@', '#0 ', '{main}', '[internal function]: ', 'Caused by: ', 'Suppressed: ',
  '... 3 more', 'Traceback (most recent call last):', '  File "', '", line ', ', in ', 'During handling of the above exception, another exception occurred:',
  '  + Exception Group Traceback (most recent call last):', '  | ', '+-+---- 1 ----', 'goroutine 1 [running]:', 'panic(', 'panic: ',
  ' +0x1d', 'created by ', ":in `", ":in '", "'", 'from ', ' ---> ', '--- End of inner exception stack trace ---', ' in ', ':line ',
  'eval at ', '<anonymous>', 'Error: ', 'java.lang.X: ', '.java:', '/app/x.js:1:2', '12', '0x', ' [as m]', 'new ', 'async ', '[cause]: ',
  'Next ', 'Stack trace:', 'thrown in ', '.rb:', '.go:', '.php(', '): ', 'Exception in thread "main" ', '[native code]', ' line 3 > eval',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(''));

/** A fixture with random edits: insertions of tokens or random text, deletions and duplicated slices. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...fixtureTexts),
    fc.array(
      fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 }), fc.constant(''))),
      { maxLength: 12 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, remove, insert]) => {
      const i = t.length === 0 ? 0 : at % t.length;
      return remove % 5 === 0 ? t.slice(0, i) + t.slice(i, i + remove) + t.slice(i) : t.slice(0, i) + insert + t.slice(i + remove);
    }, text),
  );

for (const [name, parse] of Object.entries(PARSERS)) {
  void test(`${name} never throws on random, token-built or mutated input`, () => {
    const input = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), tokenText, mutatedFixture);
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parse(text);
        if (parsed) assert.ok(Array.isArray(parsed.exceptions));
      }),
      { numRuns: 200 },
    );
  });
}

/**
 * Inputs built to hurt a parser that backtracks or rescans: many lines of one construct,
 * and one very long line. Each is scaled by a repeat count.
 */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  fixtures: (n) => repeatTo(fixtureTexts.join('\n'), n),
  frameLines: (n) => repeatTo('    at a (b (c (d (e:1:2\n\tat x.Y.z(Y.java:1)\n#0 /a.php(1): f(\n', n),
  headersOnly: (n) => repeatTo('Error: x\nCaused by: y\n ---> z\nNext w\n', n),
  groupMargins: (n) => `  + Exception Group Traceback (most recent call last):\n${repeatTo('  | | | | | | | | | | | | | | | | | | | |\n', n)}`,
  goroutines: (n) => `panic: x\n\n${repeatTo('goroutine 1 [running]:\nmain.f(\n\t/a.go:1 +0x1\n', n)}`,
  evalNesting: (n) => repeatTo(`    at eval (${'eval at f ('.repeat(30)}/a.js:1:1${')'.repeat(30)}, <anonymous>:1:1)\n`, n),
  longLine: (n) => repeatTo('at ((((:in `@::::', n),
  pythonFrames: (n) => `Traceback (most recent call last):\n${repeatTo('  File "/a.py", line 1, in f\n    x\n', n)}E: m\n`,
  suppressed: (n) => `java.lang.X: m\n${repeatTo('\tSuppressed: a.B: c\n\t\tat a.B.c(B.java:1)\n', n)}`,
};

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

/**
 * CPU time to parse one input of 16n characters over the CPU time to parse an input of n
 * characters 16 times: both do the same linear work, so the ratio stays near 1 when the
 * parser is linear and nears 16 when it is quadratic. CPU time, not wall time, so other
 * processes on a busy machine do not count; inputs stay small so the large one's garbage
 * is collected as cheaply as the small ones'. Rounds alternate the two and keep each best.
 */
function scalingRatio(parse: (text: string) => unknown, small: string, large: string): number {
  let bestSmall = Number.POSITIVE_INFINITY;
  let bestLarge = Number.POSITIVE_INFINITY;
  parse(small); // warm up the JIT on this shape
  parse(large);
  for (let round = 0; round < ROUNDS; round++) {
    bestSmall = Math.min(bestSmall, cpuMicros(() => {
      for (let k = 0; k < FACTOR * REPEAT; k++) parse(small);
    }));
    bestLarge = Math.min(bestLarge, cpuMicros(() => {
      for (let k = 0; k < REPEAT; k++) parse(large);
    }));
  }
  return bestLarge / Math.max(bestSmall, 1);
}

function cpuMicros(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

const SMALL = 4_000;
const FACTOR = 16;
const REPEAT = 4;
const ROUNDS = 3;
/** Linear parsing measures near 1, quadratic near 16; the bound leaves room for noise and caches. */
const MAX_RATIO = 6;

for (const [name, parse] of Object.entries(PARSERS)) {
  void test(`${name} takes time linear in input size (16 inputs of n vs one of 16n)`, () => {
    for (const [shape, build] of Object.entries(ADVERSARIAL)) {
      const ratio = scalingRatio(parse, build(SMALL), build(SMALL * FACTOR));
      assert.ok(ratio < MAX_RATIO, `${shape}: one ${FACTOR}x input took ${ratio.toFixed(1)}x the time of ${FACTOR} small ones`);
    }
  });
}
