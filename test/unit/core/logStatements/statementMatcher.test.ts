import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogStatement, Template } from '../../../../src/core/logStatements/logStatement';
import { StatementMatcher } from '../../../../src/core/logStatements/statementMatcher';

function statement(file: string, line: number, templates: Template[], level: LogStatement['level'] = 'info'): LogStatement {
  return { file, line, column: 0, endLine: line, endColumn: 10, language: 'javascript', method: 'info', level, templates };
}
const tpl = (...constants: string[]): Template => ({ constants, holes: constants.slice(1).map(() => 'any') });

void test('the statement with the most constant text wins', () => {
  const general = statement('a.js', 1, [tpl('', ' logged in')]);
  const specific = statement('b.js', 2, [tpl('user ', ' logged in')]);
  const m = new StatementMatcher([{ statement: general }, { statement: specific }]);
  const outcome = m.match('user 42 logged in');
  assert.equal(outcome.kind, 'matched');
  assert.equal(outcome.kind === 'matched' && outcome.statement, specific);
  const other = m.match('robot 7 logged in');
  assert.equal(other.kind === 'matched' && other.statement, general);
});

void test('equal candidates are ambiguous unless the service or level tells them apart', () => {
  const a = statement('svc-a/x.js', 3, [tpl('started')]);
  const b = statement('svc-b/y.js', 9, [tpl('started')], 'debug');
  const m = new StatementMatcher([
    { statement: a, service: 'alpha' },
    { statement: b, service: 'beta' },
  ]);
  const outcome = m.match('started');
  assert.equal(outcome.kind, 'ambiguous');
  assert.equal(outcome.kind === 'ambiguous' && outcome.candidates.length, 2);
  const byService = m.match('started', { service: 'beta' });
  assert.equal(byService.kind === 'matched' && byService.statement, b);
  const byLevel = m.match('started', { level: 'info' });
  assert.equal(byLevel.kind === 'matched' && byLevel.statement, a);
});

void test('a message no statement wrote is not placed, and too-short templates are not indexed', () => {
  const m = new StatementMatcher([{ statement: statement('a.js', 1, [tpl('ok')]) }, { statement: statement('a.js', 2, [tpl('order ', ' paid')]) }]);
  assert.equal(m.match('ok').kind, 'none');
  assert.equal(m.match('order 1 refunded').kind, 'none');
});

void test('trailing line ends on either side do not matter', () => {
  const m = new StatementMatcher([{ statement: statement('a.go', 4, [tpl('done\n')]) }]);
  assert.equal(m.match('done').kind, 'matched');
  assert.equal(m.match('done\r\n').kind, 'matched');
});

void test('10k statements sharing their anchors still match the right one', () => {
  const entries = Array.from({ length: 10_000 }, (_, i) => ({ statement: statement(`f${i % 100}.js`, i + 1, [tpl(`request ${i} `, ' failed')]) }));
  const m = new StatementMatcher(entries);
  const outcome = m.match('request 7311 GET /x failed');
  assert.equal(outcome.kind === 'matched' && outcome.statement.line, 7312);
});

void test('a 1 MB line made of anchors, braces or one repeated character is answered (linear work, no hang)', () => {
  const entries = Array.from({ length: 2_000 }, (_, i) => ({
    statement: statement('f.js', i + 1, [tpl('', ` step ${i % 50} of `, '')]),
  }));
  const m = new StatementMatcher(entries);
  // 40 statements share the template `{} step 7 of {}`: the line fits them all equally.
  assert.equal(m.match(' step 7 of '.repeat(100_000)).kind, 'ambiguous');
  assert.equal(m.match('{}%s'.repeat(262_144)).kind, 'none');
  assert.equal(m.match('a'.repeat(1 << 20)).kind, 'none');
});

void test('a template with holes at both ends that beats a prefix match replaces it, not joins it', () => {
  const prefix = statement('a.js', 1, [tpl('aa', 'a')]);
  const middle = statement('b.js', 2, [tpl('', 'Infinity', '')]);
  const m = new StatementMatcher([{ statement: prefix }, { statement: middle }]);
  const outcome = m.match('aaInfinitya');
  assert.equal(outcome.kind === 'matched' && outcome.statement, middle);
});
