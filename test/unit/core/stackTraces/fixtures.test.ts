import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedStackTrace, Runtime } from '../../../../src/core/events';
import { detectRuntime } from '../../../../src/core/stackTraces/detectRuntime';
import { parseDotnetStack } from '../../../../src/core/stackTraces/dotnet';
import { parseFirefoxStack } from '../../../../src/core/stackTraces/firefox';
import { parseGoStack } from '../../../../src/core/stackTraces/go';
import { parseJvmStack } from '../../../../src/core/stackTraces/jvm';
import { splitStackLines } from '../../../../src/core/stackTraces/lines';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { parsePhpStack } from '../../../../src/core/stackTraces/php';
import { parsePythonStack } from '../../../../src/core/stackTraces/python';
import { parseRubyStack } from '../../../../src/core/stackTraces/ruby';
import { parseV8Stack } from '../../../../src/core/stackTraces/v8';
import { loadStackFixtures } from './fixtureFiles';

/** Fixture folder → the runtime its traces come from and that runtime's own parser. */
const BY_DIR: Record<string, { runtime: Runtime; parse: (text: string) => ParsedStackTrace | undefined }> = {
  node: { runtime: 'v8', parse: parseV8Stack },
  chrome: { runtime: 'v8', parse: parseV8Stack },
  firefox: { runtime: 'firefox', parse: parseFirefoxStack },
  python: { runtime: 'python', parse: parsePythonStack },
  jvm: { runtime: 'jvm', parse: parseJvmStack },
  go: { runtime: 'go', parse: parseGoStack },
  ruby: { runtime: 'ruby', parse: parseRubyStack },
  dotnet: { runtime: 'dotnet', parse: parseDotnetStack },
  php: { runtime: 'php', parse: parsePhpStack },
};

const fixtures = loadStackFixtures();

void test('there is at least one fixture for every runtime', () => {
  for (const dir of Object.keys(BY_DIR)) assert.ok(fixtures.some((f) => f.runtimeDir === dir), `no fixture in ${dir}/`);
});

for (const fixture of fixtures) {
  const own = BY_DIR[fixture.runtimeDir];
  void test(`${fixture.id}: parseStackTrace returns the expected exceptions and frames`, () => {
    assert.deepEqual(parseStackTrace(fixture.text), fixture.expected);
  });
  void test(`${fixture.id}: detected as ${own?.runtime ?? '?'} and its own parser agrees`, () => {
    assert.ok(own, `unknown fixture folder ${fixture.runtimeDir}`);
    assert.equal(detectRuntime(splitStackLines(fixture.text)), own.runtime);
    assert.deepEqual(own.parse(fixture.text), fixture.expected);
  });
}
