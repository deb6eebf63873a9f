import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProdEvent } from '../../../src/core/events';
import { nextCursor, parseLinkHeader } from '../../../src/sources/linkHeader';
import { spreadCounts } from '../../../src/sources/sampledCounts';
import { incrementalWindow, splitWindow } from '../../../src/sources/timeChunks';

const SENTRY_LINK =
  '<https://sentry.io/api/0/projects/acme/pump/issues/?&cursor=1420837590:0:1>; rel="previous"; results="false"; cursor="1420837590:0:1", ' +
  '<https://sentry.io/api/0/projects/acme/pump/issues/?&cursor=1420837533:0:0>; rel="next"; results="true"; cursor="1420837533:0:0"';

void test('Link header: both links with their parameters; the next cursor only while Sentry says there are results', () => {
  const links = parseLinkHeader(SENTRY_LINK);
  assert.deepEqual(
    links.map((l) => [l.params.rel, l.params.results, l.params.cursor]),
    [
      ['previous', 'false', '1420837590:0:1'],
      ['next', 'true', '1420837533:0:0'],
    ],
  );
  assert.equal(links[1]?.url, 'https://sentry.io/api/0/projects/acme/pump/issues/?&cursor=1420837533:0:0');
  assert.equal(nextCursor(SENTRY_LINK), '1420837533:0:0');
  assert.equal(nextCursor(SENTRY_LINK.replace('results="true"', 'results="false"')), undefined);
  assert.equal(nextCursor(undefined), undefined);
  assert.deepEqual(parseLinkHeader('garbage; rel="next"'), []);
  assert.deepEqual(parseLinkHeader('<unterminated'), []);
});

void test('Link header: linear on a hostile header', () => {
  const hostile = '<'.repeat(100_000) + ';'.repeat(100_000);
  assert.ok(Array.isArray(parseLinkHeader(hostile)));
});

void test('splitWindow: equal chunks covering the window exactly, at most maxChunks', () => {
  assert.deepEqual(splitWindow({ since: 0, until: 90 }, 60, 24), [
    { since: 0, until: 45 },
    { since: 45, until: 90 },
  ]);
  const many = splitWindow({ since: 0, until: 30 * 86_400_000 }, 3_600_000, 24);
  assert.equal(many.length, 24);
  assert.equal(many[0]?.since, 0);
  assert.equal(many.at(-1)?.until, 30 * 86_400_000);
  for (let i = 1; i < many.length; i++) assert.equal(many[i]?.since, many[i - 1]?.until);
  assert.deepEqual(splitWindow({ since: 5, until: 5 }, 60, 24), []);
});

void test('incrementalWindow: resumes where the last good poll ended, within the window and the backend range limit', () => {
  assert.deepEqual(incrementalWindow({ since: 0, until: 100 }, undefined, 1000), { window: { since: 0, until: 100 }, clamped: false });
  assert.deepEqual(incrementalWindow({ since: 10, until: 100 }, 70, 1000), { window: { since: 70, until: 100 }, clamped: false });
  assert.deepEqual(incrementalWindow({ since: 0, until: 100 }, undefined, 40), { window: { since: 60, until: 100 }, clamped: true });
});

const line = (message: string, key: string): { event: ProdEvent; key: string } => ({ event: { timestamp: 0, message, source: 's' }, key });

void test('spreadCounts: each cell’s count is spread over its sampled lines and adds up exactly', () => {
  const { events, unsampled } = spreadCounts(
    [line('a', '0|error'), line('b', '0|error'), line('c', '0|error'), line('d', '1|warn')],
    new Map([
      ['0|error', 10],
      ['1|warn', 1],
      ['2|error', 7],
    ]),
  );
  assert.deepEqual(
    events.map((e) => [e.message, e.count ?? 1]),
    [
      ['a', 4],
      ['b', 3],
      ['c', 3],
      ['d', 1],
    ],
  );
  assert.equal(unsampled, 7, 'a cell with no sampled line is reported, not invented');
  const missing = spreadCounts([line('x', '9|error')], new Map());
  assert.equal(missing.events[0]?.count, undefined, 'a line the count query missed still counts once');
});
