import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandBraces, expandPrintf } from '../../../../src/core/logStatements/formatDirectives';
import { templateText } from '../../../../src/core/logStatements/logStatement';
import { holeTemplate, literalTemplate } from '../../../../src/core/logStatements/templateBuilder';

const lit = literalTemplate;
const hole = holeTemplate();

void test('printf: %s takes the argument, %d becomes a number hole, %% is a percent sign', () => {
  const { template, consumed } = expandPrintf(lit('order %s: %d items, 100%% done'), [hole, hole]);
  assert.equal(templateText(template), 'order {}: {#} items, 100% done');
  assert.equal(consumed, 2);
});

void test('printf: a literal argument is written into the text; flags, width and precision are read', () => {
  assert.equal(templateText(expandPrintf(lit('%-8s|%5.2f|%x'), [lit('abc'), hole, hole]).template), 'abc|{#}|{}');
});

void test('printf: Python mapping keys, Java %n, and Node leaving a directive without argument as is', () => {
  assert.equal(templateText(expandPrintf(lit('user %(name)s left'), [hole], { mappingKeys: true }).template), 'user {} left');
  assert.equal(templateText(expandPrintf(lit('a %s%n'), [hole], { javaNewline: true }).template), 'a {}\n');
  assert.equal(templateText(expandPrintf(lit('a %s and %s'), [hole], { node: true }).template), 'a {} and %s');
});

void test('printf: a lone % or an unknown verb stays literal', () => {
  assert.equal(templateText(expandPrintf(lit('50%, then %'), []).template), '50%, then %');
});

void test('braces: SLF4J {} is positional and \\{} is literal', () => {
  assert.equal(templateText(expandBraces(lit('cart {} item \\{} {}'), [hole, lit('X')], 'slf4j').template), 'cart {} item {} X');
});

void test('braces: Python str.format with indexes, names, conversions and {{ }}', () => {
  const { template } = expandBraces(lit('{0} paid {amount:.2f} {{EUR}} {1!r}'), [lit('ann'), lit('x')], 'python');
  assert.equal(template.constants.join('|'), 'ann paid | {EUR} |');
  assert.equal(templateText(expandBraces(lit('{} and {}'), [lit('a'), lit('b')], 'python').template), 'a and b');
});

void test('braces: message templates name their holes; MessageFormat quotes', () => {
  assert.equal(templateText(expandBraces(lit('User {UserId} in {@Ctx} at {When:HH:mm}'), [], 'named').template), 'User {} in {} at {}');
  assert.equal(templateText(expandBraces(lit("stock for {0} is {1,number}, it''s '{'ok'}'"), [hole, hole], 'messageFormat').template), "stock for {} is {}, it's {ok}");
});

void test('holes already in the format (a concatenation) are kept in place', () => {
  const format = { constants: ['id ', ': %s'], holes: ['any' as const] };
  assert.equal(templateText(expandPrintf(format, [hole]).template), 'id {}: {}');
});
