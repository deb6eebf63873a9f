import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJvmFrame, parseJvmStack } from '../../../../src/core/stackTraces/jvm';

void test('the file is the package path, so the resolver can match it by source tree', () => {
  assert.deepEqual(parseJvmFrame('at com.acme.Pay.charge(Pay.java:42)'), { function: 'Pay.charge', module: 'com.acme.Pay', file: 'com/acme/Pay.java', line: 42 });
  assert.deepEqual(parseJvmFrame('at Main.main(Main.java:3)'), { function: 'Main.main', module: 'Main', file: 'Main.java', line: 3 });
});

void test('Kotlin file names differ from class names; the package still prefixes the file', () => {
  assert.deepEqual(parseJvmFrame('at com.acme.PayKt.charge(Pay.kt:12)'), { function: 'PayKt.charge', module: 'com.acme.PayKt', file: 'com/acme/Pay.kt', line: 12 });
});

void test('module and class-loader prefixes are dropped; JDK modules are native', () => {
  assert.equal(parseJvmFrame('at app//com.acme.Main.main(Main.java:10)')?.file, 'com/acme/Main.java');
  assert.equal(parseJvmFrame('at app//com.acme.Main.main(Main.java:10)')?.native, undefined);
  const jdk = parseJvmFrame('at java.base@17.0.2/java.lang.Thread.run(Thread.java:833)');
  assert.equal(jdk?.native, true);
  assert.equal(jdk?.module, 'java.lang.Thread');
});

void test('hidden lambda classes, Native Method, Unknown Source and logback suffixes', () => {
  const lambda = parseJvmFrame('at com.acme.Pay$$Lambda$14/0x0000000800c03000.accept(Unknown Source)');
  assert.deepEqual(lambda, { function: 'Pay$$Lambda$14/0x0000000800c03000.accept', module: 'com.acme.Pay$$Lambda$14/0x0000000800c03000' });
  assert.equal(parseJvmFrame('at jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)')?.native, true);
  assert.deepEqual(parseJvmFrame('at com.acme.Pay.charge(Pay.java:42) ~[classes/:na]')?.line, 42);
  assert.equal(parseJvmFrame('at kotlin.collections.CollectionsKt.first(Collections.kt:10)')?.native, true);
});

void test('Caused by blocks follow in printed order; Suppressed blocks and their frames are left out', () => {
  const text = [
    'java.lang.IllegalStateException: outer',
    '\tat com.acme.A.run(A.java:5)',
    '\tSuppressed: java.io.IOException: close failed',
    '\t\tat com.acme.Res.close(Res.java:9)',
    '\t\t... 1 more',
    '\tSuppressed: java.io.IOException: second',
    '\t\tat com.acme.Res.close(Res.java:10)',
    'Caused by: java.lang.ArithmeticException: / by zero',
    '\tat com.acme.B.divide(B.java:7)',
    '\t... 1 more',
  ].join('\n');
  const parsed = parseJvmStack(text);
  assert.deepEqual(parsed?.exceptions.map((e) => [e.type, e.frames.map((f) => f.file)]), [
    ['java.lang.IllegalStateException', ['com/acme/A.java']],
    ['java.lang.ArithmeticException', ['com/acme/B.java']],
  ]);
});

void test('a log line before the exception line is not taken for the header', () => {
  const text = '2024-05-01 12:00:00 ERROR [main] c.a.Pay - charge failed\ncom.acme.PayException: declined\n\tat com.acme.Pay.charge(Pay.java:42)';
  const exception = parseJvmStack(text)?.exceptions[0];
  assert.equal(exception?.type, 'com.acme.PayException');
  assert.equal(exception?.message, 'declined');
});
