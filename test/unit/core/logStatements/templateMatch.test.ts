import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { HoleKind, Template } from '../../../../src/core/logStatements/logStatement';
import { templateMatches } from '../../../../src/core/logStatements/templateMatch';

const t = (constants: string[], holes: HoleKind[] = constants.slice(1).map(() => 'any')): Template => ({ constants, holes });

void test('a literal template matches only its own text', () => {
  assert.equal(templateMatches('order placed', t(['order placed'])), true);
  assert.equal(templateMatches('order placed!', t(['order placed'])), false);
});

void test('prefix, middle and suffix pieces are all required, in order', () => {
  const tpl = t(['order ', ' total ', ' EUR']);
  assert.equal(templateMatches('order A-1 total 12.50 EUR', tpl), true);
  assert.equal(templateMatches('order A-1 sum 12.50 EUR', tpl), false);
  assert.equal(templateMatches('order  total  EUR', tpl), true);
  assert.equal(templateMatches('order total EUR', tpl), false);
});

void test('a hole may hold the text of the pieces around it', () => {
  assert.equal(templateMatches('job a job b done done', t(['job ', ' done'])), true);
});

void test('number holes hold numbers only, and at least one digit', () => {
  const tpl = t(['took ', ' ms'], ['number']);
  assert.equal(templateMatches('took 12.5 ms', tpl), true);
  assert.equal(templateMatches('took -3 ms', tpl), true);
  assert.equal(templateMatches('took ages ms', tpl), false);
  assert.equal(templateMatches('took  ms', tpl), false);
  assert.equal(templateMatches('took NaN ms', tpl), true);
});

void test('any template filled with any values matches what it produced (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), fc.array(fc.string(), { maxLength: 6 }), (constants, values) => {
      const holes = constants.slice(1).map(() => 'any' as const);
      let message = constants[0]!;
      for (let i = 1; i < constants.length; i++) message += (values[i - 1] ?? '') + constants[i]!;
      return templateMatches(message, t(constants, holes));
    }),
  );
});
