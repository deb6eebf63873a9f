import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpan } from '../../../../src/core/text/codeSpan';

void test('a release keeps its dots: no backslash escapes inside a code span', () => {
  assert.equal(codeSpan('1.42.0'), '`1.42.0`');
});

void test('the fence is longer than any backtick run inside, so content cannot close it', () => {
  assert.equal(codeSpan('a`b``c'), '```a`b``c```');
  assert.equal(codeSpan('`x`'), '`` `x` ``');
});

void test('line breaks, controls and theme-icon syntax are neutralised', () => {
  const span = codeSpan('v1\n$(terminal)\u001b[31m');
  assert.ok(!span.includes('\n'));
  assert.ok(!span.includes('$('), span);
  assert.ok(!span.includes('\u001b'), span);
});
