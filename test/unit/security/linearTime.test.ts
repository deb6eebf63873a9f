/**
 * No ReDoS, measured: every regex in src/ (found with the TypeScript parser, like
 * regexSafety.test.ts) and every function that reads log or backend text runs in time linear
 * in its input. Each is fed adversarial text (long runs of the characters it looks for, with a
 * tail that makes a match fail late; deep nesting for JSON-ish readers) at 1 KB → 16 KB and
 * 16 KB → 512 KB, and the CPU cost per byte must not grow past GROWTH_LIMIT (quadratic work
 * grows 16× and 32×). test/support/cpuGrowth.ts says why the figure is robust on a loaded machine.
 *
 * No regex is skipped: the few that only ever see short text (a git file mode, a Retry-After
 * value, a tree-sitter node type) are still linear on 512 KB, so they are measured too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { renderAgentAnswer } from '../../../src/core/agentTools/untrustedPayload';
import { normaliseMessage } from '../../../src/core/aggregate/fingerprint';
import { parseDuration } from '../../../src/core/duration';
import { parseZeroContextDiff } from '../../../src/core/lineDrift/diffHunks';
import { criLine } from '../../../src/core/logRecords/containerLines';
import { parseLogfmt } from '../../../src/core/logRecords/logfmt';
import { parseLogText } from '../../../src/core/logRecords/parseLogText';
import { errorHeaderIn } from '../../../src/core/logRecords/stackLines';
import { parseTextHeader } from '../../../src/core/logRecords/textHeader';
import { parseTimestamp } from '../../../src/core/logRecords/timestamps';
import type { Template } from '../../../src/core/logStatements/logStatement';
import { templateMatches } from '../../../src/core/logStatements/templateMatch';
import { openStatementIndex, serviceOfFile } from '../../../src/core/logStatements/workspaceStatements';
import { normaliseFramePath } from '../../../src/core/mapping/frameResolver';
import { parseChangedLines } from '../../../src/core/report/changedLines';
import { escapeSarifText } from '../../../src/core/report/sarif';
import { normaliseRunbookUrl } from '../../../src/core/runbooks/runbook';
import { parseRunbookMarkdown } from '../../../src/core/runbooks/runbookMarkdown';
import { findSourceMappingUrl, parseMapReference } from '../../../src/core/sourceMaps/sourceMappingUrl';
import { splitTypeAndMessage } from '../../../src/core/stackTraces/header';
import { parseDotnetFrame } from '../../../src/core/stackTraces/dotnet';
import { parseFirefoxFrame } from '../../../src/core/stackTraces/firefox';
import { parseJvmFrame } from '../../../src/core/stackTraces/jvm';
import { parseStackTrace } from '../../../src/core/stackTraces/parseStackTrace';
import { parseRubyLine } from '../../../src/core/stackTraces/ruby';
import { parseV8Frame } from '../../../src/core/stackTraces/v8';
import { codeSpan } from '../../../src/core/text/codeSpan';
import { escapeMarkdown, sanitisePlainText } from '../../../src/core/text/escapeMarkdown';
import { escapeMatcherValue } from '../../../src/sources/alertmanagerSource';
import { parseLinkHeader } from '../../../src/sources/linkHeader';
import { escapeLogQlString, LokiSource } from '../../../src/sources/lokiSource';
import { parseRetryAfter } from '../../../src/sources/http/retryAfter';
import { balanced, repeated, superlinear } from '../../support/cpuGrowth';
import { sourceRegexes } from '../../support/sourceRegexes';

const ROOT = path.join(__dirname, '..', '..', '..');
const FAIL_LATE = '\u0001!';

/** What a regex source names: its literal characters, one representative per escape class, and its literal runs. */
function unitsFor(source: string): string[] {
  const chars = new Set<string>();
  const runs: string[] = [];
  let run = '';
  const CLASS_SAMPLES: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', b: 'a', B: 'a' };
  for (let i = 0; i < source.length; i++) {
    let ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) ch = CLASS_SAMPLES[source[++i]!] ?? source[i]!;
    else if ('^$.*+?()[]{}|'.includes(ch)) {
      if (run.length > 1) runs.push(run);
      run = '';
      continue;
    }
    chars.add(ch);
    run += ch;
  }
  if (run.length > 1) runs.push(run);
  const singles = [...new Set([...chars, ' ', 'a', '0', '/', '.', ':', '\\', '-', '\t', '\n'])];
  return [...singles, ...singles.map((c) => `${c}a`), ...runs];
}

void test('every regex in src/ runs in linear time on its worst adversarial input', () => {
  const regexes = sourceRegexes(ROOT);
  assert.ok(regexes.length > 20, `found only ${regexes.length} regexes: the scan is broken`);
  const slow: string[] = [];
  for (const r of regexes) {
    if (r.source === '<dynamic>') continue; // regexSafety.test.ts refuses these unless allow-listed
    const re = new RegExp(r.source, r.flags.replace(/[gy]/g, ''));
    const inputs = Object.fromEntries(unitsFor(r.source).map((unit) => [`${JSON.stringify(unit)}×n`, repeated(unit, FAIL_LATE)]));
    slow.push(...superlinear(`${r.file}:${r.line} /${r.source}/`, (t) => re.test(t), inputs, 1));
  }
  assert.deepEqual(slow, []);
});

void test('the measure catches a quadratic regex, so the tests here can fail', () => {
  // The trailing-slash trim SECURITY.md names: unanchored at the start, it retries the run from every slash.
  const trim = (t: string): string => t.replace(/\/+$/, '');
  const slow = superlinear('trim', trim, { letters: repeated('a', 'x'), slashes: repeated('/', 'x') }, 1);
  assert.equal(slow.length, 1, 'the slashes are found to be its worst input');
  assert.match(slow[0]!, /^trim on slashes: .* from 1 KB to 16 KB$/, 'reported by the screen, never run at 512 KB');
});

/** Inputs that hurt text scanners: runs of separators, near-miss frames and headers, deep nesting, controls. */
const SHAPES: Record<string, (bytes: number) => string> = {
  spaces: repeated(' ', 'x'),
  tabs: repeated('\t', 'x'),
  dots: repeated('.', FAIL_LATE),
  colons: repeated(':', '1'),
  slashes: repeated('/', FAIL_LATE),
  backslashes: repeated('\\', '"'),
  digits: repeated('0123456789', ':x'),
  equals: repeated('a=', '"'),
  quotes: repeated('"\\', '"'),
  openParens: repeated('(', ':1:2)'),
  closeParens: repeated(')', '('),
  atFrames: repeated('    at a (', ')'),
  jvmFrames: repeated('\tat a.b(', 'C.java:1'),
  errorColons: repeated('Error: ', ''),
  isoTimes: repeated('2026-01-01T00:00:00', 'Z'),
  levels: repeated('[ERROR] ', ''),
  placeholders: repeated('{}%s%d${', ''),
  markdown: repeated('[x](command:', ')'),
  links: repeated('<https://x>; rel="next", ', ''),
  pythonLines: repeated('Traceback (most recent call last):\n  File "a.py", line 1, in f\n', ''),
  diffLines: repeated('@@ -1,2 +3,4 @@\n+++ b/', '\n'),
  newlines: repeated('\n', 'x'),
  crlf: repeated('\r\n', 'x'),
  controls: repeated('\u0000\u001b[\u202e', ''),
  astral: repeated('\u{1F600}é', ''),
  jsonNesting: balanced('{"a":', '}'),
  arrayNesting: balanced('[', ']'),
  openJson: repeated('{"message":"', '"'),
};

/** Each function on its two worst shapes. */
function assertLinear(fns: Record<string, (text: string) => unknown>): void {
  const slow = Object.entries(fns).flatMap(([name, fn]) => superlinear(name, fn, SHAPES, 2));
  assert.deepEqual(slow, []);
}

void test('log parsers, logfmt and stack-trace parsers are linear', () => {
  assertLinear({
    parseLogText: (t) => parseLogText(t, 'test', { now: () => 0 }),
    parseLogfmt,
    parseTextHeader: (t) => parseTextHeader(t, () => 0),
    parseTimestamp,
    criLine,
    errorHeaderIn,
    parseStackTrace,
    splitTypeAndMessage: (t) => splitTypeAndMessage(t),
    parseV8Frame,
    parseJvmFrame,
    parseDotnetFrame,
    parseFirefoxFrame,
    parseRubyLine,
  });
});

void test('escapers and renderers of production text are linear', () => {
  assertLinear({
    normaliseMessage,
    escapeMarkdown: (t) => escapeMarkdown(t, Infinity),
    sanitisePlainText: (t) => sanitisePlainText(t, Infinity),
    codeSpan: (t) => codeSpan(t, Infinity),
    escapeSarifText,
    escapeLogQlString,
    escapeMatcherValue,
    renderAgentAnswer: (t) => renderAgentAnswer({ summary: 's', sources: [], data: [{ message: t }] }),
  });
});

void test('backend headers, workspace paths, URLs, diffs and source-map references are read in linear time', () => {
  assertLinear({
    parseLinkHeader,
    parseRetryAfter: (t) => parseRetryAfter(t, 0),
    parseDuration,
    normaliseFramePath,
    normaliseRunbookUrl,
    // The front matter is YAML (the yaml library) over a file capped at 512 KB; the body is ours.
    parseRunbookMarkdown: (t) => parseRunbookMarkdown(`---\ntitle: x\n---\n# ${t}\n${t}`, 'r.md'),
    findSourceMappingUrl: (t) => findSourceMappingUrl(`//# sourceMappingURL=${t}`),
    parseMapReference: (t) => parseMapReference(`data:application/json,${t}`),
    parseChangedLines,
    parseZeroContextDiff,
    serviceRoot: (t) => serviceOfFile([{ name: 's', root: `a${t}`, pathMappings: [], runbooks: [] }], 'a/b.ts'),
    lokiGrafanaUrl: (t) => LokiSource.fromConfig({ type: 'loki', name: 'l', url: 'http://127.0.0.1:3100', query: '{a="b"}', grafanaUrl: `https://g${t}`, grafanaDatasource: 'd' }, [], undefined),
  });
});

void test('the template matcher and the logging-statement index match in linear time', async () => {
  const template: Template = { constants: ['step ', ' of ', ' for ', ': ', ''], holes: ['number', 'any', 'any', 'any'] };
  const dir = mkdtempSync(path.join(tmpdir(), 'opslens-linear-'));
  try {
    for (let f = 0; f < 10; f++) {
      const calls = Array.from({ length: 10 }, (_, k) => `  logger.info(\`step ${k} of {} for \${id}: %s\`, n);`).join('\n');
      writeFileSync(path.join(dir, `m${f}.ts`), `export function f${f}(id: string, n: number): void {\n${calls}\n}\n`);
    }
    const { index } = await openStatementIndex(dir, []);
    assert.ok(index.statements().length >= 100, 'the statements were indexed');
    assertLinear({
      templateMatches: (t) => templateMatches(t, template),
      templateMatchesNearMiss: (t) => templateMatches(`step 1 of ${t}`, template),
      statementIndex: (t) => index.match(t),
      statementIndexNearMiss: (t) => index.match(`step 1 of ${t} for `),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
