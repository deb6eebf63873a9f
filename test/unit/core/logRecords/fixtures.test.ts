// Every log in test/fixtures/logs was written by the real library or runtime it is named
// after (scripts/fixtures/generateLogs.sh); its .expected.json holds what the generator
// logged, not what this parser reads back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProdEvent } from '../../../../src/core/events';
import { parseLogText } from '../../../../src/core/logRecords/parseLogText';
import { LogStreamParser } from '../../../../src/core/logRecords/logStreamParser';

const DIR = path.join(__dirname, '../../../fixtures/logs');
const NOW = Date.UTC(2026, 0, 15, 13, 0, 0);
const DAY = 86_400_000;

interface ExpectedEvent extends Partial<Omit<ProdEvent, 'exception'>> {
  exception?: { type?: string; message?: string; stacktrace?: string; stacktraceIncludes?: string[] };
}

interface Expected {
  skipped: number;
  events: ExpectedEvent[];
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.expected.json'.length))
  .sort();

function assertEvent(actual: ProdEvent | undefined, expected: ExpectedEvent, where: string): void {
  assert.ok(actual, `${where}: missing event`);
  assert.equal(actual.source, 'fixture');
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'exception' || key === 'code') continue;
    assert.deepEqual(actual[key as keyof ProdEvent], value, `${where}: ${key}`);
  }
  if (expected.timestamp === undefined) {
    assert.ok(actual.timestamp <= NOW && actual.timestamp > NOW - DAY, `${where}: a dateless record is dated within the day before now`);
  }
  assert.deepEqual(actual.code, expected.code, `${where}: code`);
  if (!expected.exception) return assert.equal(actual.exception, undefined, `${where}: no exception`);
  const { stacktraceIncludes, ...exact } = expected.exception;
  const { stacktrace, ...rest } = actual.exception ?? {};
  if (stacktraceIncludes) {
    for (const part of stacktraceIncludes) assert.ok(stacktrace?.includes(part), `${where}: stack includes ${JSON.stringify(part)}\n${stacktrace}`);
    assert.deepEqual(rest, exact, `${where}: exception`);
  } else {
    assert.deepEqual(actual.exception, exact, `${where}: exception`);
  }
}

for (const name of fixtures) {
  const text = readFileSync(path.join(DIR, `${name}.log`), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8')) as Expected;

  void test(`${name}: every record the library wrote becomes its event`, () => {
    const parsed = parseLogText(text, 'fixture', { now: () => NOW });
    assert.equal(parsed.skipped, expected.skipped, 'skipped lines');
    assert.equal(parsed.events.length, expected.events.length, 'event count');
    expected.events.forEach((e, i) => assertEvent(parsed.events[i], e, `${name}#${i}`));
  });

  void test(`${name}: fed one line at a time, the stream parser gives the same events`, () => {
    const whole = parseLogText(text, 'fixture', { now: () => NOW });
    const parser = new LogStreamParser('fixture', { now: () => NOW });
    const events: ProdEvent[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      const out = parser.push(line + '\n');
      events.push(...out.events);
      skipped += out.skipped;
    }
    const rest = parser.flush();
    assert.deepEqual({ events: [...events, ...rest.events], skipped: skipped + rest.skipped }, whole);
  });
}
