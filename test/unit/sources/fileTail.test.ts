/**
 * The file source follows logs like `tail -F`: appends, a last line completed later,
 * UTF-8 split between writes, rotation by rename + create (to a name outside the glob
 * and to one inside it), copytruncate, deletion, a burst larger than one read, only
 * the window of a huge file on first sight, and folder watching that asks for a poll.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { FileTail } from '../../../src/sources/file/fileTail';
import { findWindowStart } from '../../../src/sources/file/windowStart';
import { FileSource } from '../../../src/sources/fileSource';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const ALL = { since: 0, until: Number.MAX_SAFE_INTEGER };
/** One pino line (NDJSON): a record by itself, so nothing waits for a continuation. */
const line = (msg: string, at = T0): string => `${JSON.stringify({ level: 50, time: at, msg })}\n`;
const messages = (r: { events: Array<{ message: string }> }): string[] => r.events.map((e) => e.message);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'opslens-tail-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function source(glob: string, extra: Partial<ConstructorParameters<typeof FileSource>[0]> = {}): FileSource {
  return new FileSource({ name: 'app', path: glob, root: dir, ...extra });
}

void test('each poll reads only the appended lines; a last line without its newline waits to be completed', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, line('one'));
  const s = source('app.log');
  assert.deepEqual(messages(await s.poll(ALL)), ['one']);
  appendFileSync(file, line('two') + line('three').slice(0, 20));
  assert.deepEqual(messages(await s.poll(ALL)), ['two']);
  assert.deepEqual(messages(await s.poll(ALL)), [], 'half a line is not a record');
  appendFileSync(file, line('three').slice(20));
  assert.deepEqual(messages(await s.poll(ALL)), ['three']);
  assert.equal(s.health().skipped, 0);
  s.dispose();
});

void test('a UTF-8 character split between two writes arrives whole', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, '');
  const s = source('app.log');
  await s.poll(ALL);
  const bytes = Buffer.from(line('café ☕'));
  const cut = bytes.indexOf(Buffer.from('☕')) + 1;
  appendFileSync(file, bytes.subarray(0, cut));
  assert.deepEqual(messages(await s.poll(ALL)), []);
  appendFileSync(file, bytes.subarray(cut));
  assert.deepEqual(messages(await s.poll(ALL)), ['café ☕']);
  s.dispose();
});

void test('rotation by rename + create: the rest of the old file, then the new file from its start, each line once', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, line('before'));
  const s = source('app.log');
  assert.deepEqual(messages(await s.poll(ALL)), ['before']);
  appendFileSync(file, line('late in old file'));
  renameSync(file, path.join(dir, 'app.log.1'));
  writeFileSync(file, line('first in new file'));
  assert.deepEqual(messages(await s.poll(ALL)), ['late in old file', 'first in new file']);
  appendFileSync(file, line('next'));
  assert.deepEqual(messages(await s.poll(ALL)), ['next']);
  s.dispose();
});

void test('a file rotated to a name the glob also matches is followed there, not read again', async () => {
  const file = path.join(dir, 'app.log');
  const rotated = path.join(dir, 'app.log.1');
  writeFileSync(file, line('a') + line('b'));
  const s = source('app.log*');
  assert.deepEqual(messages(await s.poll(ALL)), ['a', 'b']);
  appendFileSync(file, line('c'));
  renameSync(file, rotated);
  writeFileSync(file, line('d'));
  assert.deepEqual(messages(await s.poll(ALL)).sort(), ['c', 'd']);
  // The writer still holds the old file open until it reopens its log: those lines are read once too.
  appendFileSync(rotated, line('e'));
  assert.deepEqual(messages(await s.poll(ALL)), ['e']);
  assert.deepEqual(messages(await s.poll(ALL)), []);
  s.dispose();
});

void test('copytruncate: a file that shrank, or was truncated and rewritten past the old size, is read from its start', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, line('old 1') + line('old 2'));
  const s = source('app.log');
  await s.poll(ALL);
  truncateSync(file, 0);
  appendFileSync(file, line('new 1'));
  assert.deepEqual(messages(await s.poll(ALL)), ['new 1']);
  truncateSync(file, 0);
  appendFileSync(file, line('rewritten, and longer than everything before it'.repeat(3)) + line('new 2'));
  assert.deepEqual(messages(await s.poll(ALL)), ['rewritten, and longer than everything before it'.repeat(3), 'new 2']);
  s.dispose();
});

void test('a deleted file completes its pending record and is forgotten', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, line('x'));
  const s = source('*.log');
  await s.poll(ALL);
  appendFileSync(file, '2026-03-01 00:00:01,000 ERROR [api] charge failed\n');
  assert.deepEqual(messages(await s.poll(ALL)), [], 'a text record waits for its stack');
  unlinkSync(file);
  assert.deepEqual(messages(await s.poll(ALL)), ['charge failed']);
  writeFileSync(file, line('y'));
  assert.deepEqual(messages(await s.poll(ALL)), ['y'], 'a new file of the same name starts fresh');
  s.dispose();
});

void test('a burst larger than one read keeps its end; a line longer than the limit is dropped and counted', async () => {
  const file = path.join(dir, 'app.log');
  writeFileSync(file, '');
  const tail = new FileTail(file, { maxReadBytes: 4096, maxLineBytes: 1024 });
  await tail.read(0);
  let burst = '';
  for (let i = 0; i < 200; i++) burst += line(`burst ${i}`);
  appendFileSync(file, burst);
  const read = await tail.read(0);
  const text = read.chunks.map((c) => c.text).join('');
  assert.ok(text.length <= 4096 && text.endsWith(line('burst 199')), 'only the newest 4 KB');
  assert.ok(text.startsWith('{'), 'the line cut by the read is dropped, not half-parsed');

  appendFileSync(file, 'x'.repeat(3000));
  const long = await tail.read(0);
  assert.equal(long.droppedLines, 1);
  appendFileSync(file, `${'x'.repeat(10)}\n${line('after')}`);
  const after = await tail.read(0);
  assert.equal(after.chunks.map((c) => c.text).join(''), line('after'), 'the rest of the long line is skipped');
  await tail.close();
});

void test('on first sight of a large log only the part inside the window is read', async () => {
  const file = path.join(dir, 'big.log');
  let text = '';
  for (let i = 0; i < 20_000; i++) text += line(`event ${i}`, T0 + i * 60_000);
  writeFileSync(file, text);
  const since = T0 + 15_000 * 60_000;
  const handle = await open(file, 'r');
  const start = await findWindowStart(handle, 0, Buffer.byteLength(text), since);
  await handle.close();
  const boundary = text.indexOf(line('event 15000', since));
  assert.ok(start <= boundary && boundary - start < 80 * 1024, `starts at ${start}, window begins at ${boundary}`);
  assert.ok(start > 0);

  const polled = await source('big.log').poll({ since, until: Number.MAX_SAFE_INTEGER });
  assert.equal(polled.events.length, 5000);
  assert.equal(polled.events[0]!.message, 'event 15000');
});

void test('a watched log folder asks for a poll when a log is written, even one created after the first poll', async () => {
  let changed: () => void = () => undefined;
  const s = source('logs/*.log', { onChange: () => changed() });
  const next = (): Promise<void> => new Promise((resolve) => (changed = resolve));
  await s.poll(ALL);
  assert.equal(s.health().notice, undefined);
  let change = next();
  mkdirSync(path.join(dir, 'logs'));
  await change;
  await s.poll(ALL); // now the logs folder itself is watched
  change = next();
  appendFileSync(path.join(dir, 'logs', 'app.log'), line('written'));
  await change;
  assert.deepEqual(messages(await s.poll(ALL)), ['written']);
  s.dispose();
});

void test('a glob over the whole workspace is not watched (too costly) and the health says so', async () => {
  const s = source('**/*.log', { onChange: () => undefined });
  await s.poll(ALL);
  assert.match(s.health().notice ?? '', /not watched/);
  s.dispose();
});
