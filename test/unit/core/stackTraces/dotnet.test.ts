import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotnetFrame, parseDotnetStack } from '../../../../src/core/stackTraces/dotnet';

void test('inner exceptions without frames of their own keep the section order', () => {
  const text = [
    'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.',
    ' ---> System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.',
    " ---> Interop+AndroidCrypto+SslException: Exception of type 'Interop+AndroidCrypto+SslException' was thrown.",
    '   --- End of inner exception stack trace ---',
    '   at Shop.Net.Tls.Handshake() in /src/Tls.cs:line 40',
    '   --- End of inner exception stack trace ---',
    '   at Shop.Net.Client.Send() in /src/Client.cs:line 12',
  ].join('\n');
  const parsed = parseDotnetStack(text);
  assert.deepEqual(parsed?.exceptions.map((e) => [e.type, e.frames.map((f) => f.line)]), [
    ['System.Net.Http.HttpRequestException', [12]],
    ['System.Security.Authentication.AuthenticationException', [40]],
    ['Interop+AndroidCrypto+SslException', []],
  ]);
});

void test('constructors, Windows paths and wrapper frames', () => {
  assert.deepEqual(parseDotnetFrame('at Shop.Cart..ctor(Int32 size) in C:\\src\\Shop\\Cart.cs:line 7'), {
    file: 'C:\\src\\Shop\\Cart.cs',
    line: 7,
    function: 'Cart..ctor',
    module: 'Shop.Cart',
  });
  assert.equal(parseDotnetFrame('at (wrapper managed-to-native) System.Object.__icall_wrapper_mono_gc_alloc_obj(intptr,intptr)')?.native, true);
  assert.deepEqual(parseDotnetFrame('at Shop.Program.Main () [0x00001] in <filename unknown>:0'), { function: 'Program.Main', module: 'Shop.Program' });
});
