import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPythonInternal, parsePythonStack } from '../../../../src/core/stackTraces/python';

void test('standard-library and frozen frames are internal; installed packages and app code are not', () => {
  assert.equal(isPythonInternal('<frozen importlib._bootstrap>'), true);
  assert.equal(isPythonInternal('/usr/lib/python3.11/json/decoder.py'), true);
  assert.equal(isPythonInternal('/usr/local/lib/python3.12/asyncio/base_events.py'), true);
  assert.equal(isPythonInternal('C:\\Python311\\Lib\\json\\decoder.py'), true);
  assert.equal(isPythonInternal('/app/.venv/lib/python3.11/site-packages/flask/app.py'), false);
  assert.equal(isPythonInternal('/usr/lib/python3/dist-packages/yaml/__init__.py'), false);
  assert.equal(isPythonInternal('/app/lib/python_utils/x.py'), false);
});

void test('frames are reversed so the crashing frame comes first; frozen frames are marked native', () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 3, in <module>',
    '    import app.settings',
    '  File "<frozen importlib._bootstrap>", line 1178, in _find_and_load',
    '  File "/app/app/settings.py", line 8, in load',
    '    raise ValueError("bad")',
    'ValueError: bad',
  ].join('\n');
  const frames = parsePythonStack(text)?.exceptions[0]?.frames;
  assert.deepEqual(frames, [
    { file: '/app/app/settings.py', line: 8, function: 'load' },
    { file: '<frozen importlib._bootstrap>', line: 1178, function: '_find_and_load', native: true },
    { file: '/app/main.py', line: 3, function: '<module>' },
  ]);
});

void test('a multi-line exception message is kept whole; `[Previous line repeated]` is skipped', () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "/app/r.py", line 2, in f',
    '    f()',
    '  [Previous line repeated 996 more times]',
    'RecursionError: maximum recursion depth exceeded',
    '  while calling a Python object',
  ].join('\n');
  const exception = parsePythonStack(text)?.exceptions[0];
  assert.equal(exception?.message, 'maximum recursion depth exceeded\n  while calling a Python object');
  assert.equal(exception?.frames.length, 1);
});

void test('a bare exception type without message', () => {
  const text = 'Traceback (most recent call last):\n  File "/app/x.py", line 1, in <module>\nKeyboardInterrupt';
  assert.deepEqual(parsePythonStack(text)?.exceptions[0]?.type, 'KeyboardInterrupt');
});

void test('no traceback header: not a Python trace', () => {
  assert.equal(parsePythonStack('ValueError: bad'), undefined);
});
