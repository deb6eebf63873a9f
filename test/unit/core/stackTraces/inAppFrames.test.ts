import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';
import type { StackFrame } from '../../../../src/core/events';
import { FrameResolver } from '../../../../src/core/mapping/frameResolver';
import { parseStackTrace } from '../../../../src/core/stackTraces/parseStackTrace';
import { FileIndex } from '../../../../src/core/workspace/fileIndex';
import { FIXTURES_DIR, loadStackFixtures } from './fixtureFiles';

/** The fixture programs as a workspace, plus files named like runtime sources that must never be picked. */
function workspaceIndex(): FileIndex {
  const programs = path.join(FIXTURES_DIR, 'programs');
  const files = (readdirSync(programs, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(programs, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const shadows = ['json/decoder.py', 'json/__init__.py', 'java/lang/Iterable.java', 'java/lang/Thread.java', 'runtime/panic.go', 'json/common.rb', 'scala/Option.scala', 'scala/collection/immutable/List.scala'];
  return new FileIndex([...files, ...shadows.map((s) => `shadow/${s}`)]);
}

const resolver = new FrameResolver(workspaceIndex());

function topInApp(frames: StackFrame[]): string | undefined {
  for (const frame of frames) {
    const r = resolver.resolve(frame);
    if (r.kind === 'resolved') return `${r.location.file}:${r.location.line}`;
  }
  return undefined;
}

/** Where each error belongs in the programs that produced the fixtures (read off their sources). */
const CRASH_SITES: Record<string, string[]> = {
  'node/typeError': ['node/typeError.js:10'],
  'node/asyncAll': ['node/asyncAll.mjs:4'],
  'node/evalFrames': ['node/evalFrames.js:7'],
  'node/uncaughtCause': ['node/uncaughtCause.js:12', 'node/uncaughtCause.js:5'],
  'node/aggregateErrors': ['node/aggregateErrors.js:4', 'node/aggregateErrors.js:4'],
  'node/uncaughtEsm': ['node/uncaughtEsm.mjs:4'],
  'chrome/clickHandler': ['browser/cart.js:7'],
  'firefox/spidermonkeyCart': ['jsengines/cart.js:7'],
  'firefox/spidermonkeyEvalAsync': ['jsengines/evalAsync.js:3'],
  'firefox/javascriptcoreCart': ['jsengines/cart.js:7'],
  'firefox/javascriptcoreEvalAsync': ['jsengines/evalAsync.js:3'],
  'python/chained': ['python/app/worker.py:6', 'python/app/settings.py:17', 'python/app/settings.py:10'],
  'python/syntaxError': ['python/app/broken.py:2'],
  'python/exceptionGroup': ['python/exceptionGroup.py:19', 'python/exceptionGroup.py:5', 'python/exceptionGroup.py:9'],
  'python/loggingException': ['python/loggingException.py:9'],
  'jvm/causedBy': ['java/com/acme/pay/Pay.java:33', 'java/com/acme/pay/Pay.java:19', 'java/com/acme/pay/Gateway.java:8'],
  'jvm/threadNpe': ['java/com/acme/pay/Npe.java:8'],
  'jvm/logbackCommonFrames': ['java/com/acme/orders/OrderJob.java:22', 'java/com/acme/orders/OrderJob.java:13'],
  'jvm/scalaCausedBy': ['scala/com/acme/ledger/Ledger.scala:11', 'scala/com/acme/ledger/Ledger.scala:7'],
  // Not ledger.go:19: that is the deferred recover handler that panicked again.
  'go/repanic': ['go/billing/ledger.go:24'],
  'go/nilMap': ['go/billing/ledger.go:12'],
  'go/nilPointerAllGoroutines': ['go/billing/ledger.go:33'],
  // OpenTelemetry's Go SDK records debug.Stack() where the error is handled: that is the place.
  'go/debugStack': ['go/cmd/debugstack/main.go:14'],
  'ruby/uncaughtCause': ['ruby/lib/invoice.rb:11', 'ruby/lib/invoice.rb:9'],
  'ruby/backtraceLog': ['ruby/lib/invoice.rb:19'],
  'php/uncaughtPrevious': ['php/src/Checkout.php:12', 'php/src/Checkout.php:20'],
  'php/toString': ['php/toString.php:5'],
  'dotnet/monoInner': ['dotnet/Program.cs:24', 'dotnet/Program.cs:13'],
};

for (const fixture of loadStackFixtures()) {
  const expected = CRASH_SITES[fixture.id];
  if (!expected) continue; // hand-written traces: no program in the workspace to land on
  void test(`${fixture.id}: each exception lands on its first in-app frame`, () => {
    const parsed = parseStackTrace(fixture.text);
    assert.ok(parsed);
    const sites = parsed.exceptions.map((e) => topInApp(e.frames)).filter((s) => s !== undefined);
    assert.deepEqual(sites, expected);
  });
}

void test('every real fixture has a crash site to check', () => {
  const real = loadStackFixtures().filter((f) => !['dotnet/coreclrInner', 'firefox/firefoxWindowsFile'].includes(f.id));
  assert.deepEqual(real.map((f) => f.id).sort(), Object.keys(CRASH_SITES).sort());
});
