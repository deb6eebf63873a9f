import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhpStack } from '../../../../src/core/stackTraces/php';

void test("the log form `PHP Fatal error:  Uncaught` and static calls", () => {
  const text = [
    'PHP Fatal error:  Uncaught App\\Billing\\ChargeFailed: card declined in /var/www/src/Billing/Gateway.php:31',
    'Stack trace:',
    '#0 /var/www/src/Billing/Invoice.php(18): App\\Billing\\Gateway::charge(Object(App\\Billing\\Card))',
    '#1 /var/www/public/index.php(9): App\\Billing\\Invoice->pay()',
    '#2 {main}',
    '  thrown in /var/www/src/Billing/Gateway.php on line 31',
  ].join('\n');
  assert.deepEqual(parsePhpStack(text)?.exceptions, [
    {
      type: 'App\\Billing\\ChargeFailed',
      message: 'card declined',
      frames: [
        { file: '/var/www/src/Billing/Gateway.php', line: 31, function: 'App\\Billing\\Gateway::charge', module: 'App\\Billing\\Gateway' },
        { file: '/var/www/src/Billing/Invoice.php', line: 18, function: 'App\\Billing\\Invoice->pay', module: 'App\\Billing\\Invoice' },
        { file: '/var/www/public/index.php', line: 9 },
      ],
    },
  ]);
});

void test('a multi-line message keeps its lines and the throw site at its end', () => {
  const text = 'RuntimeException: first line\nsecond line in /app/a.php:4\nStack trace:\n#0 {main}';
  const exception = parsePhpStack(text)?.exceptions[0];
  assert.equal(exception?.message, 'first line\nsecond line');
  assert.deepEqual(exception?.frames, [{ file: '/app/a.php', line: 4 }]);
});
