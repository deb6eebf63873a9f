import type { ExceptionInfo, Level, ParsedStackTrace, ProdEvent } from '../events';
import type { Occurrence } from '../aggregate/aggregator';
import { fingerprint } from '../aggregate/fingerprint';
import type { Group } from '../aggregate/groups';
import type { MatchOutcome } from '../logStatements/statementMatcher';
import type { FrameResolver, SourceLocation } from '../mapping/frameResolver';
import { parseStackTrace } from '../stackTraces/parseStackTrace';
import type { StackTraceCache } from '../stackTraces/stackTraceCache';
import { logFingerprint, type LogSites } from './logSites';

/** Why an event could not be placed on a line: the health report turns these into advice. */
export type Unplaced =
  | { reason: 'noLocation' }
  | { reason: 'noInAppFrame'; unmatchedPaths: string[]; ambiguousPaths: string[] }
  | { reason: 'unparsedStack' }
  | { reason: 'ambiguousStatement'; candidates: number };

/** Finds the logging statement that wrote a message (the workspace's LogStatementIndex). */
export interface StatementLookup {
  match(message: string, context: { service?: string; level?: Level }): MatchOutcome;
}

export type Placement = { placed: Occurrence } | { unplaced: Unplaced };

/** Caches that spare repeated work (each bounded; results are the same without them). */
export interface PlacementCaches {
  stacks?: StackTraceCache;
  logSites?: LogSites;
}

const FINGERPRINT_FRAMES = 3;

/**
 * Decides where an event goes: an error with a stack trace on the crashing in-app
 * frame of its outermost exception; a record with an explicit code location on that
 * logging statement; a record with neither, on the logging statement whose text it
 * matches. Everything else is reported as unplaced with the reason.
 */
export function placeEvent(event: ProdEvent, resolver: FrameResolver, statements?: StatementLookup, caches: PlacementCaches = {}): Placement {
  const stack = event.exception?.parsed ?? (event.exception?.stacktrace ? parsedStack(event.exception.stacktrace, caches.stacks) : undefined);
  if (stack) return placeError(event, stack.exceptions, resolver);
  if (event.exception?.stacktrace) return { unplaced: { reason: 'unparsedStack' } };
  if (event.code) {
    const resolution = resolver.resolve({ file: event.code.filepath, line: event.code.lineno ?? 1 }, event.service);
    if (resolution.kind === 'resolved') return { placed: logOccurrence(event, resolution.location) };
    return { unplaced: { reason: 'noInAppFrame', unmatchedPaths: [event.code.filepath], ambiguousPaths: [] } };
  }
  if (statements && event.message) return placeByStatement(event, statements, caches.logSites);
  return { unplaced: { reason: 'noLocation' } };
}

function parsedStack(text: string, cache: StackTraceCache | undefined): ParsedStackTrace | undefined {
  return cache ? cache.parse(text) : parseStackTrace(text);
}

function placeByStatement(event: ProdEvent, statements: StatementLookup, sites: LogSites | undefined): Placement {
  const context: { service?: string; level?: Level } = {};
  if (event.service) context.service = event.service;
  if (event.level) context.level = event.level;
  const outcome = statements.match(event.message, context);
  if (outcome.kind === 'ambiguous') return { unplaced: { reason: 'ambiguousStatement', candidates: outcome.candidates.length } };
  if (outcome.kind === 'none') return { unplaced: { reason: 'noLocation' } };
  if (sites) {
    const site = sites.of(outcome.statement);
    return { placed: logOccurrence(event, site.location, site.fingerprint) };
  }
  const { file, line } = outcome.statement;
  return { placed: logOccurrence(event, { file, line }) };
}

function placeError(event: ProdEvent, exceptions: ExceptionInfo[], resolver: FrameResolver): Placement {
  const outermost = exceptions[0];
  if (!outermost) return { unplaced: { reason: 'unparsedStack' } };
  const unmatchedPaths: string[] = [];
  const ambiguousPaths: string[] = [];
  const inApp: SourceLocation[] = [];
  const frameKeys: string[] = [];
  for (const frame of outermost.frames) {
    const r = resolver.resolve(frame, event.service);
    if (r.kind === 'resolved') {
      inApp.push(r.location);
      if (frameKeys.length < FINGERPRINT_FRAMES) frameKeys.push(`${r.location.file}:${frame.function ?? ''}`);
    } else if (r.kind === 'unmatched' && r.path) unmatchedPaths.push(r.path);
    else if (r.kind === 'ambiguous') ambiguousPaths.push(r.path);
  }
  const top = inApp[0];
  if (!top) return { unplaced: { reason: 'noInAppFrame', unmatchedPaths, ambiguousPaths } };
  const type = event.exception?.type ?? outermost.type;
  const message = event.exception?.message ?? (outermost.message || event.message);
  const causedBy = exceptions.slice(1).map((cause) => {
    const entry: Group['causedBy'][number] = { type: cause.type, message: cause.message };
    for (const frame of cause.frames) {
      const r = resolver.resolve(frame, event.service);
      if (r.kind === 'resolved') {
        entry.location = r.location;
        break;
      }
    }
    return entry;
  });
  const occurrence: Occurrence = {
    fingerprint: event.fingerprint ?? fingerprint('error', event.service ?? '', type, ...frameKeys),
    kind: 'error',
    location: top,
    timestamp: event.timestamp,
    count: event.count ?? 1,
    message,
    type,
    source: event.source,
    calledFrom: inApp.slice(1),
    causedBy,
  };
  return { placed: withEventFields(occurrence, event) };
}

function logOccurrence(event: ProdEvent, location: SourceLocation, siteFingerprint?: string): Occurrence {
  const occurrence: Occurrence = {
    fingerprint: event.fingerprint ?? siteFingerprint ?? logFingerprint(location),
    kind: 'log',
    location,
    timestamp: event.timestamp,
    count: event.count ?? 1,
    message: event.message,
    source: event.source,
  };
  return withEventFields(occurrence, event);
}

function withEventFields(o: Occurrence, event: ProdEvent): Occurrence {
  if (event.service) o.service = event.service;
  if (event.level) o.level = event.level;
  if (event.version) o.release = event.version;
  if (event.revision) o.revision = event.revision;
  if (event.link) o.link = event.link;
  if (event.exception?.stacktrace) o.stacktrace = event.exception.stacktrace;
  return o;
}
