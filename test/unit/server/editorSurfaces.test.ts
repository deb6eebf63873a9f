import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Group } from '../../../src/core/aggregate/groups';
import { buildDiagnostics } from '../../../src/server/diagnostics';
import { functionCodeLenses, lineAnnotations, windowLabel } from '../../../src/server/editorAnnotations';
import { renderHover } from '../../../src/server/hoverContent';
import { resolvePastedTrace, unflatten } from '../../../src/server/stackTraceResolution';
import { DEFAULT_SETTINGS, readSettings } from '../../../src/settings';

function group(over: Partial<Group>): Group {
  return {
    fingerprint: 'fp1',
    kind: 'error',
    type: 'TypeError',
    message: 'boom',
    location: { file: 'src/a.ts', line: 10 },
    count: 132,
    firstSeen: 0,
    lastSeen: 1000,
    hourly: [1, 2, 3],
    releases: ['1.42.0'],
    levelCounts: { error: 132 },
    samples: [],
    calledFrom: [{ file: 'src/b.ts', line: 3 }],
    causedBy: [],
    source: 'sentry',
    link: 'https://sentry.example.com/issues/1',
    changedSince: false,
    ...over,
  };
}
const uri = (rel: string): string => `file:///ws/${rel}`;

void test('settings: nested or dotted, wrong types fall back to the defaults', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  const s = readSettings({ diagnostics: { severity: 'Warning', enabled: 'yes' }, 'codeLens.enabled': false, minimumCount: 0, pollInterval: 3 });
  assert.equal(s.diagnosticsSeverity, 'Warning');
  assert.equal(s.diagnosticsEnabled, true);
  assert.equal(s.codeLensEnabled, false);
  assert.equal(s.minimumCount, 1);
  assert.equal(s.pollInterval, 10);
  assert.equal(readSettings({ diagnostics: { severity: 'Fatal' } }).diagnosticsSeverity, 'Information');
});

void test('diagnostics: one per line, severity from settings, code linked to the backend, related frames', () => {
  const groups = [group({}), group({ fingerprint: 'fp2', count: 5, message: 'other' }), group({ fingerprint: 'fp3', kind: 'log', location: { file: 'src/a.ts', line: 20 } })];
  const [d, ...rest] = buildDiagnostics(groups, { ...DEFAULT_SETTINGS, diagnosticsSeverity: 'Warning' }, uri);
  assert.equal(rest.length, 0, 'log statements are no diagnostics; two groups on a line are one');
  assert.equal(d!.severity, DiagnosticSeverity.Warning);
  assert.equal(d!.code, 'fp1');
  assert.equal(d!.codeDescription?.href, 'https://sentry.example.com/issues/1');
  assert.match(String(d!.message), /^132× TypeError: boom \(and 1 more error group on this line\)$/);
  assert.deepEqual(d!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [['file:///ws/src/b.ts', 2]]);
  assert.deepEqual(d!.data, { fingerprint: 'fp1' });
});

void test('diagnostics: off, or under the minimum count, means none; a non-http link is not linked', () => {
  assert.deepEqual(buildDiagnostics([group({})], { ...DEFAULT_SETTINGS, diagnosticsEnabled: false }, uri), []);
  assert.deepEqual(buildDiagnostics([group({})], { ...DEFAULT_SETTINGS, minimumCount: 500 }, uri), []);
  assert.equal(buildDiagnostics([group({ link: 'javascript:alert(1)' })], DEFAULT_SETTINGS, uri)[0]!.codeDescription, undefined);
});

void test('line-end text: errors win their line, info-level statements stay quiet, text is plain', () => {
  const groups = [
    group({ message: 'bad\nline\u202e', count: 2300 }),
    group({ fingerprint: 'log1', kind: 'log', type: 'warn', message: 'slow', location: { file: 'src/a.ts', line: 10 }, levelCounts: { warn: 9000 }, count: 9000 }),
    group({ fingerprint: 'log2', kind: 'log', message: 'hello', location: { file: 'src/a.ts', line: 30 }, levelCounts: { info: 50 }, count: 50 }),
    group({ fingerprint: 'log3', kind: 'log', message: 'retrying', location: { file: 'src/a.ts', line: 40 }, levelCounts: { warn: 7, info: 1 }, count: 8 }),
  ];
  const out = lineAnnotations(groups, DEFAULT_SETTINGS).sort((a, b) => a.line - b.line);
  assert.deepEqual(out.map((a) => [a.line, a.kind]), [[9, 'error'], [39, 'log']]);
  assert.equal(out[0]!.text, '⚠ 2.3k× TypeError: bad line\uFFFD');
  assert.equal(out[1]!.text, '≡ 8× warn: retrying');
  assert.deepEqual(lineAnnotations(groups, { ...DEFAULT_SETTINGS, inlineAnnotationsEnabled: false }), []);
  assert.equal(lineAnnotations(groups, { ...DEFAULT_SETTINGS, inlineAnnotationsMinimumLevel: 'info' }).length, 3);
});

void test('code lens: per function, errors and log lines summed, in the window', () => {
  const functions = [
    { name: 'checkout', startLine: 5, endLine: 25 },
    { name: 'quiet', startLine: 30, endLine: 35 },
  ];
  const groups = [group({}), group({ fingerprint: 'l', kind: 'log', location: { file: 'src/a.ts', line: 20 }, count: 2300 }), group({ fingerprint: 'top', location: { file: 'src/a.ts', line: 2 } })];
  const lenses = functionCodeLenses(groups, functions, DEFAULT_SETTINGS, windowLabel(86_400_000), 'file:///ws/src/a.ts');
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]!.range.start.line, 4);
  assert.equal(lenses[0]!.command?.title, '⚠ 132 errors · 2.3k log lines (24h)');
  assert.deepEqual(lenses[0]!.command?.arguments, ['file:///ws/src/a.ts', 'checkout', ['l', 'fp1']]);
  assert.deepEqual(functionCodeLenses(groups, functions, { ...DEFAULT_SETTINGS, codeLensEnabled: false }, '24h', 'x'), []);
  assert.equal(windowLabel(7 * 86_400_000), '7d');
});

void test('hover: releases in code spans keep their dots, changed-since names the release, hostile text is inert', () => {
  const hostile = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> [y](javascript:alert(1)) $(terminal)';
  const md = renderHover([group({ message: hostile, changedSince: true, changedSinceRelease: 'abc1234def5678', releases: ['1.42.0', 'a`b'] })], { now: 2000, fileUri: uri });
  assert.ok(md.includes('`1.42.0`'), md);
  assert.ok(md.includes('``a`b``'), md);
  assert.match(md, /Code changed since release `abc1234def56`: possibly fixed/);
  const commands = [...md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
  assert.ok(commands.length > 0 && commands.every((c) => c!.startsWith('opslens.')), commands.join(' '));
  assert.ok(!md.includes('<img'), md);
  assert.ok(!md.includes('](javascript:'), md);
  assert.ok(!md.includes(' $(terminal)'), md);
});

void test('a pasted trace: in-app frames first with their line, the others with the reason', () => {
  const trace = 'TypeError: boom\n    at charge (/srv/app/src/pay.js:12:5)\n    at Module._compile (node:internal/modules/cjs/loader:1000:14)\n    at run (/srv/app/src/missing.js:3:1)';
  const result = resolvePastedTrace(trace, (frame) => {
    if (frame.file === '/srv/app/src/pay.js') return { resolution: { kind: 'resolved', location: { file: 'src/pay.js', line: frame.line! }, via: 'suffix' }, fileUri: uri };
    if (frame.native) return { resolution: { kind: 'dependency' } };
    return { resolution: { kind: 'unmatched', path: frame.file ?? '' } };
  });
  assert.ok(result);
  assert.equal(result.runtime, 'v8');
  assert.equal(result.exceptions[0]!.title, 'TypeError: boom');
  assert.deepEqual(result.frames.map((f) => [f.inApp, f.uri, f.line]), [[true, 'file:///ws/src/pay.js', 11], [false, undefined, undefined], [false, undefined, undefined]]);
  assert.match(result.frames[2]!.reason!, /no workspace file matches \/srv\/app\/src\/missing.js/);
  assert.equal(resolvePastedTrace('just some words', () => ({ resolution: { kind: 'dependency' } })), null);
  // The same trace through a single-line input box, which drops the line breaks.
  const flat = resolvePastedTrace(trace.replace(/\n/g, ' '), () => ({ resolution: { kind: 'dependency' } }));
  assert.equal(flat?.frames.length, 3);
  assert.equal(unflatten('E: x    at a (f.js:1:1)    at b (g.js:2:2)'), 'E: x   \nat a (f.js:1:1)   \nat b (g.js:2:2)');
});
