// The matcher's fast paths against slower references, over generated templates and messages
// (fast-check, fixed seed from test/support/fuzzBudget.ts). Pieces come from a tiny alphabet so
// templates share prefixes, suffixes and middles, tie, and fill each other's holes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { HoleKind, LogStatement, Template } from '../../../../src/core/logStatements/logStatement';
import { constantLength } from '../../../../src/core/logStatements/logStatement';
import { StatementMatcher, type TopMatches } from '../../../../src/core/logStatements/statementMatcher';
import { PreparedTemplate, templateMatches } from '../../../../src/core/logStatements/templateMatch';

const piece = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '-', '.', 'N', 'aN', 'Infinity'), maxLength: 6 });
const holeKind = fc.constantFrom<HoleKind>('any', 'any', 'number');
const template: fc.Arbitrary<Template> = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.array(holeKind, { minLength: 3, maxLength: 3 }))
  .map(([constants, kinds]) => ({ constants, holes: constants.slice(1).map((_, i) => kinds[i]!) }));
const value = fc.oneof(piece, fc.constantFrom('12', '-3.5', 'NaN', 'Infinity', '-Infinity', '1e5', ''));

/** The template with its holes filled, or (when `noise` is given) that text cut and spliced: near misses. */
function fill(t: Template, values: string[], noise?: [number, number, string]): string {
  let s = t.constants[0]!;
  for (let i = 1; i < t.constants.length; i++) s += (values[i - 1] ?? '') + t.constants[i]!;
  if (!noise) return s;
  const at = noise[0] % (s.length + 1);
  return s.slice(0, at) + noise[2] + s.slice(at + noise[1]);
}

const message = (templates: Template[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(fc.nat(templates.length - 1), fc.array(value, { maxLength: 3 })).map(([i, vs]) => fill(templates[i]!, vs)),
    fc.tuple(fc.nat(templates.length - 1), fc.array(value, { maxLength: 3 }), fc.tuple(fc.nat(40), fc.nat(3), piece)).map(([i, vs, n]) => fill(templates[i]!, vs, n)),
    fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '\n'), maxLength: 20 }),
  );

function statement(line: number, templates: Template[]): LogStatement {
  return { file: `f${line % 3}.ts`, line, column: 0, endLine: line, endColumn: 1, language: 'typescript', method: 'info', level: line % 2 ? 'info' : 'warn', templates };
}

void test('a prepared template answers as templateMatches does, for either end known or not', () => {
  fc.assert(
    fc.property(template, fc.array(value, { maxLength: 3 }), fc.option(fc.tuple(fc.nat(40), fc.nat(3), piece)), fc.boolean(), fc.boolean(), (t, vs, noise, prefixKnown, suffixKnown) => {
      const m = fill(t, vs, noise ?? undefined);
      const prepared = new PreparedTemplate(t);
      assert.equal(prepared.matches(m, prefixKnown, suffixKnown), templateMatches(m, t, { prefix: prefixKnown, suffix: suffixKnown }));
    }),
    { numRuns: 2000 },
  );
});

const statementsAndMessages = fc
  .array(fc.array(template, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 40 })
  .chain((perStatement) => {
    const statements = perStatement.map((templates, i) => statement(i + 1, templates));
    return fc.tuple(fc.constant(statements), fc.array(message(perStatement.flat()), { minLength: 1, maxLength: 20 }));
  });

function trimLineEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
  return s.slice(0, end);
}

function plain(top: TopMatches): unknown {
  return { specificity: top.specificity, entries: top.entries.map((e) => e.statement), matched: top.matched };
}

void test('top answers as the most-specific-first order does, with and without statements skipped', () => {
  fc.assert(
    fc.property(statementsAndMessages, ([statements, messages]) => {
      const matcher = new StatementMatcher(statements.map((s) => ({ statement: s })));
      const skip = (s: LogStatement): boolean => s.file === 'f1.ts';
      for (const m of messages) {
        assert.deepEqual(plain(matcher.top(m)), plain(matcher.topMostSpecificFirst(m)), m);
        assert.deepEqual(plain(matcher.top(m, skip)), plain(matcher.topMostSpecificFirst(m, skip)), m);
      }
    }),
    { numRuns: 300 },
  );
});

void test('top finds every statement fitting the message with the most constant text (brute force, under the verification budget)', () => {
  fc.assert(
    fc.property(statementsAndMessages, ([statements, messages]) => {
      const matcher = new StatementMatcher(statements.map((s) => ({ statement: s })));
      for (const raw of messages) {
        const m = trimLineEnd(raw);
        let best = 0;
        let fitting = new Set<LogStatement>();
        for (const s of statements) {
          for (const t of s.templates) {
            const constants = t.constants.map((c, i) => (i === t.constants.length - 1 ? trimLineEnd(c) : c));
            const specificity = constantLength({ constants, holes: t.holes });
            if (specificity < 3 || specificity < best || !templateMatches(m, { constants, holes: t.holes })) continue;
            if (specificity > best) fitting = new Set();
            best = specificity;
            fitting.add(s);
          }
        }
        const top = matcher.top(raw);
        assert.equal(top.specificity, best, raw);
        assert.deepEqual(new Set(top.entries.map((e) => e.statement)), fitting, raw);
      }
    }),
    { numRuns: 300 },
  );
});

void test('a message whose candidates spend the verification budget gets the most-specific-first answer', () => {
  // 80 prefix templates and 80 suffix templates fit the same line: the budget (64) runs out before the best is checked in prefix order.
  const statements: LogStatement[] = [];
  for (let i = 0; i < 80; i++) statements.push(statement(i + 1, [{ constants: ['job ', ` x${'y'.repeat(i % 5)}`], holes: ['any'] }]));
  for (let i = 0; i < 80; i++) statements.push(statement(100 + i, [{ constants: ['', ` done ${'z'.repeat(i % 7)}`], holes: ['any'] }]));
  const matcher = new StatementMatcher(statements.map((s) => ({ statement: s })));
  for (const m of ['job 1 xyyyy done zzzzzz', 'job 1 done zzzzzz', 'job 1 x', 'job done zzzzzz xyy']) {
    assert.deepEqual(plain(matcher.top(m)), plain(matcher.topMostSpecificFirst(m)), m);
  }
});

void test('a template starting with a hole that ties the prefix match is still found (checked after it)', () => {
  const prefix = statement(1, [{ constants: ['job ', ' done'], holes: ['any'] }]);
  const suffix = statement(2, [{ constants: ['', 'b x1 done'], holes: ['any'] }]);
  const shorter = statement(3, [{ constants: ['', ' done'], holes: ['any'] }]);
  const matcher = new StatementMatcher([prefix, suffix, shorter].map((s) => ({ statement: s })));
  const top = matcher.top('job x1 done');
  assert.deepEqual(plain(top), plain(matcher.topMostSpecificFirst('job x1 done')));
  assert.deepEqual(top.entries.map((e) => e.statement), [prefix, suffix]);
  assert.deepEqual(matcher.top('job x2 done').entries.map((e) => e.statement), [prefix]);
});
