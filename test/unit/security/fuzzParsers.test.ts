/**
 * Property-based fuzzing of the parsers and mappers no other property test covers: the
 * .opslens.yaml parser (workspace content: untrusted in an untrusted workspace) and the
 * backend response mappers (Sentry events and frames, Elasticsearch field paths, Link headers,
 * Loki timestamps). Any input gives a result or a typed error, never a crash. The seed and
 * run budget come from test/support/fuzzBudget.ts (`npm run fuzz` runs 20× more).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConfigError, parseOpsLensConfig } from '../../../src/core/config/opslensConfig';
import { parseDuration } from '../../../src/core/duration';
import { normaliseLevel } from '../../../src/core/logRecords/levels';
import { levelFromArgumentText, levelOfMethod } from '../../../src/core/logStatements/levels';
import { fieldValue } from '../../../src/sources/elasticsearchSource';
import { nextCursor, parseLinkHeader } from '../../../src/sources/linkHeader';
import { millisFromNanos } from '../../../src/sources/lokiSource';
import { summariseSentryEvent, toFrame } from '../../../src/sources/sentryEvent';
import { fuzzRuns } from '../../support/fuzzBudget';

const REAL_CONFIG = readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'demo', '.opslens.yaml'), 'utf8');

/** The real config with a slice replaced by random text: near-valid YAML reaches the deeper checks. */
const mutatedConfig = fc.tuple(fc.nat(REAL_CONFIG.length), fc.nat(200), fc.string({ maxLength: 80 })).map(([at, cut, insert]) => REAL_CONFIG.slice(0, at) + insert + REAL_CONFIG.slice(at + cut));
const yamlish = fc.array(fc.constantFrom('sources:', '  - ', 'type: ', 'file', 'sentry', 'url: ', 'http://x', 'services:', 'name: ', 'root: ', '[', ']', '{', '}', ': ', '\n', '  ', '&a', '*a', '!!js/function', 'window: ', '24h', '-1', 'pathMappings:', 'from: ', 'to: ', '"', "'", '#'), { maxLength: 60 }).map((parts) => parts.join(''));

void test('.opslens.yaml: random and mutated text gives a config or a ConfigError, never anything else', () => {
  fc.assert(
    fc.property(fc.oneof(mutatedConfig, yamlish, fc.string()), (text) => {
      try {
        const config = parseOpsLensConfig(text);
        assert.ok(Array.isArray(config.sources) && Array.isArray(config.services));
        assert.ok(Number.isFinite(config.windowMs) && config.windowMs > 0);
      } catch (error) {
        assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
      }
    }),
    { numRuns: fuzzRuns(300) },
  );
});

void test('Sentry event and frame mappers take any JSON and never throw', () => {
  const frame = fc.record({ filename: fc.anything(), abs_path: fc.anything(), lineno: fc.anything(), colno: fc.anything(), function: fc.anything(), module: fc.anything(), in_app: fc.anything() }, { requiredKeys: [] });
  const event = fc.record({ entries: fc.array(fc.record({ type: fc.constantFrom('exception', 'message', 'x'), data: fc.anything() })), exception: fc.record({ values: fc.array(fc.record({ type: fc.anything(), value: fc.anything(), stacktrace: fc.record({ frames: fc.array(frame) }) }, { requiredKeys: [] })) }, { requiredKeys: [] }), release: fc.anything(), platform: fc.anything() }, { requiredKeys: [] });
  fc.assert(
    fc.property(fc.oneof(event, fc.anything()), frame, (e, f) => {
      summariseSentryEvent(e);
      const mapped = toFrame(f as never);
      assert.ok(mapped.line === undefined || Number.isFinite(mapped.line));
    }),
    { numRuns: fuzzRuns(300) },
  );
});

void test('Elasticsearch field paths, Link headers and Loki nanosecond stamps: any input, no throw', () => {
  fc.assert(
    fc.property(fc.anything(), fc.string(), fc.string(), fc.anything(), (doc, field, header, nanos) => {
      fieldValue(doc, field);
      for (const link of parseLinkHeader(header)) assert.equal(typeof link.url, 'string');
      nextCursor(header);
      const ms = millisFromNanos(nanos);
      assert.ok(ms === undefined || Number.isFinite(ms));
    }),
    { numRuns: fuzzRuns(500) },
  );
});

/** Keys every plain object inherits: a lookup table read with one of them returns a function or an object. */
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

void test('lookup tables read with words from logs, backends or config ignore Object.prototype names', () => {
  const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  for (const key of PROTOTYPE_KEYS) {
    for (const word of [key, key.toUpperCase(), `Log${key[0]!.toUpperCase()}${key.slice(1)}`, `${key}f`]) {
      const level = normaliseLevel(word);
      assert.ok(level === undefined || LEVELS.includes(level), `log level ${word}: ${String(level)}`);
      const method = levelOfMethod(word);
      assert.ok(method === undefined || 'dynamic' in method || LEVELS.includes(method.level), `logging method ${word}`);
      assert.equal(levelFromArgumentText(`Level.${word}`), undefined, `level argument ${word}`);
    }
    assert.equal(parseDuration(`1${key}`), undefined, `duration 1${key}`);
    const runtime = summariseSentryEvent({ platform: key, exception: { values: [{ type: 'E', value: 'x', stacktrace: { frames: [{ filename: 'a.js', lineno: 1 }] } }] } }).stack?.runtime;
    assert.equal(runtime, 'unknown', `Sentry platform ${key}`);
  }
});
