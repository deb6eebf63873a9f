import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRubyLine, parseRubyStack } from '../../../../src/core/stackTraces/ruby';

void test('Ruby 3.4 quotes labels with a quote on both sides', () => {
  const parsed = parseRubyStack("app/models/order.rb:12:in 'Order#total': undefined method '+' for nil (NoMethodError)\n\tfrom app/controllers/orders_controller.rb:5:in 'OrdersController#show'");
  assert.deepEqual(parsed?.exceptions[0], {
    type: 'NoMethodError',
    message: "undefined method '+' for nil",
    frames: [
      { file: 'app/models/order.rb', line: 12, function: 'Order#total' },
      { file: 'app/controllers/orders_controller.rb', line: 5, function: 'OrdersController#show' },
    ],
  });
});

void test('internal, standard-library and gem frames are not in-app', () => {
  assert.equal(parseRubyLine("<internal:kernel>:90:in `tap'")?.frame.native, true);
  assert.equal(parseRubyLine("/usr/local/lib/ruby/3.3.0/json/common.rb:219:in `parse'")?.frame.native, true);
  assert.equal(parseRubyLine("/usr/local/bundle/gems/rack-3.0.8/lib/rack/builder.rb:10:in `call'")?.frame.inApp, false);
  assert.equal(parseRubyLine("/usr/local/lib/ruby/gems/3.3.0/gems/rack-3.0.8/lib/rack.rb:1:in `x'")?.frame.native, undefined);
});

void test('a message ending in parentheses that are not a type stays message', () => {
  const parsed = parseRubyStack("/app/x.rb:1:in `f': failed (see log)\n\tfrom /app/x.rb:3:in `<main>'");
  assert.equal(parsed?.exceptions[0]?.type, 'RuntimeError');
  assert.equal(parsed?.exceptions[0]?.message, 'failed (see log)');
});
