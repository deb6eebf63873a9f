import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoFrame, parseGoStack } from '../../../../src/core/stackTraces/go';

const REPANIC_NEWER_GO = [
  'panic: boom [recovered, repanicked]',
  '',
  'goroutine 7 [running]:',
  'main.handler.func1()',
  '\t/app/handler.go:12 +0x74',
  'panic({0x4936e0?, 0xc0000a4000?})',
  '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
  'main.handler(0x0?)',
  '\t/app/handler.go:18 +0x1d',
  'created by main.main in goroutine 1',
  '\t/app/main.go:9 +0x25',
].join('\n');

void test('frames of the deferred handler above panic( are dropped: the crash site is below it', () => {
  const exception = parseGoStack(REPANIC_NEWER_GO)?.exceptions[0];
  assert.equal(exception?.message, 'boom');
  assert.deepEqual(exception?.frames.map((f) => [f.function, f.line, f.native ?? false]), [
    ['panic', 785, true],
    ['main.handler', 18, false],
    ['main.main', 9, false],
  ]);
});

void test('only the first (panicking) goroutine is read', () => {
  const text = ['fatal error: all goroutines are asleep - deadlock!', '', 'goroutine 1 [chan receive]:', 'main.main()', '\t/app/main.go:5 +0x1', '', 'goroutine 2 [select]:', 'main.other()', '\t/app/other.go:9 +0x1'].join('\n');
  const parsed = parseGoStack(text);
  assert.equal(parsed?.exceptions[0]?.type, 'fatal error');
  assert.deepEqual(parsed?.exceptions[0]?.frames.map((f) => f.file), ['/app/main.go']);
});

void test('standard library, module cache and -trimpath frames', () => {
  assert.equal(parseGoFrame('net/http.(*conn).serve(0xc000)', '\t/usr/local/go/src/net/http/server.go:2039 +0x4c5')?.native, true);
  assert.equal(parseGoFrame('net/http.(*conn).serve(0xc000)', '\tnet/http/server.go:2039 +0x4c5')?.native, true);
  assert.equal(parseGoFrame('example.com/shop/pay.Charge()', '\texample.com/shop/pay/charge.go:10 +0x4c5')?.native, undefined);
  assert.equal(parseGoFrame('github.com/go-chi/chi/v5.(*Mux).ServeHTTP(0x1)', '\t/root/go/pkg/mod/github.com/go-chi/chi/v5@v5.0.8/mux.go:90 +0x1')?.inApp, false);
  // A GOPATH checkout under …/go/src/ is the application's code, not the Go root.
  assert.equal(parseGoFrame('github.com/acme/app.Run()', '\t/home/dev/go/src/github.com/acme/app/run.go:7 +0x1')?.native, undefined);
});

void test('module and function split at the package path', () => {
  assert.deepEqual(parseGoFrame('example.com/shop/billing.(*Ledger).Post(...)', '\t/app/billing/ledger.go:12'), {
    file: '/app/billing/ledger.go',
    line: 12,
    function: 'billing.(*Ledger).Post',
    module: 'example.com/shop/billing',
  });
});

void test('a stack without a goroutine line (pkg/errors %+v) still yields frames', () => {
  const parsed = parseGoStack('main.load\n\t/app/main.go:21\nmain.main\n\t/app/main.go:9');
  assert.deepEqual(parsed?.exceptions[0]?.frames.map((f) => f.line), [21, 9]);
});

void test('a panic value with newlines keeps them; the runtime stack of a fatal error is not message', () => {
  const multiLine = parseGoStack('panic: first line\nsecond line\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1');
  assert.equal(multiLine?.exceptions[0]?.message, 'first line\nsecond line');
  const fatal = [
    'fatal error: unexpected signal during runtime execution',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
    '',
    'runtime stack:',
    'runtime.throw({0x4b1e2c?, 0x0?})',
    '\t/usr/local/go/src/runtime/panic.go:1047 +0x5d',
    '',
    'goroutine 1 [syscall]:',
    'main.main()',
    '\t/app/main.go:9 +0x1',
  ].join('\n');
  const parsed = parseGoStack(fatal);
  assert.equal(parsed?.exceptions[0]?.message, 'unexpected signal during runtime execution');
  assert.deepEqual(parsed?.exceptions[0]?.frames.map((f) => f.file), ['/app/main.go']);
});
