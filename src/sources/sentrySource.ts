import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import type { Level, ProdEvent } from '../core/events';
import { LruCache } from '../core/lruCache';
import { normaliseLevel } from '../core/logRecords/levels';
import { httpClientFor } from './http/clientFromConfig';
import type { CredentialProvider } from './http/credentials';
import type { HttpClient, HttpResponse } from './http/httpClient';
import { HttpSourceError } from './http/httpError';
import { nextCursor } from './linkHeader';
import { summariseSentryEvent, type SentryEventSummary } from './sentryEvent';
import { optionalNumber, optionalString, optionalStringList, requiredString } from './sourceOptions';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';
import { dateFrom, isRecord, numberFrom, text } from './bodyValues';

/** One issue of `GET /api/0/projects/{org}/{project}/issues/`, the fields OpsLens reads. */
export interface SentryIssue {
  id: string;
  title?: string;
  culprit?: string;
  permalink?: string;
  level?: string;
  /** Sentry serialises it as a string. */
  count?: string | number;
  userCount?: number;
  firstSeen?: string;
  lastSeen?: string;
  metadata?: { type?: string; value?: string; title?: string; filename?: string; function?: string };
  /** `{ "24h": [[unixSeconds, count], …] }` or `"14d"` with daily buckets. */
  stats?: Record<string, Array<[number, number]>>;
}

/** The `statsPeriod` values the endpoint documents, with the width of their buckets. */
const STATS_PERIODS = [
  { period: '24h', rangeMs: 24 * 3_600_000, bucketMs: 3_600_000 },
  { period: '14d', rangeMs: 14 * 86_400_000, bucketMs: 86_400_000 },
] as const;

/** Issues may have been seen a little before the previous poll's newest `lastSeen` was written: re-ask a margin. */
const LAST_SEEN_OVERLAP_MS = 5 * 60_000;
/** The latest event of a busy issue is re-read at most this often: its frames rarely change. */
const EVENT_REFRESH_MS = 10 * 60_000;
/** Requests kept in reserve when Sentry says the rate-limit budget is nearly spent. */
const RATE_LIMIT_RESERVE = 2;

export interface SentryOptions {
  name: string;
  client: HttpClient;
  organization: string;
  /** Project slug → the workspace service it belongs to. */
  projects: Map<string, string | undefined>;
  /** Extra search terms after `is:unresolved` (e.g. `environment:production`). */
  query: string;
  maxIssues: number;
  maxPages: number;
  now?: () => number;
}

interface IssueCounts {
  /** Occurrences already reported per bucket start (epoch ms). */
  buckets: Map<number, number>;
  /** Occurrences already reported when the issue has no stats. */
  total: number;
}

interface CachedEvent {
  summary: SentryEventSummary;
  fetchedAt: number;
  lastSeen: number;
}

/** Counts to record once the poll that reported them has succeeded. */
type CountUpdate = { issue: string; bucket?: number; count: number };

/**
 * Unresolved Sentry issues of the configured projects, counted by Sentry itself
 * (the issue's `stats` buckets), each with its latest event for the stack frames.
 * Polls are incremental: only issues seen since the previous poll are asked for
 * (`lastSeen:>…`), and only the occurrences not yet reported are turned into
 * events, one per stats bucket, so the analyzer's hourly buckets follow Sentry's.
 */
export class SentrySource implements Source {
  readonly type = 'sentry';
  readonly name: string;
  private readonly counts = new Map<string, IssueCounts>();
  private readonly events = new LruCache<string, CachedEvent>(1000);
  private newestLastSeen: number | undefined;
  /** When Sentry's current rate-limit window resets (its `X-Sentry-Rate-Limit-Reset`). */
  private rateLimitResetAt: number | undefined;
  /** Latest-event reads wait until then: the budget of the current window is nearly spent. */
  private pausedUntil: number | undefined;
  private deferred = 0;
  /** Projects whose unresolved issues went past `maxIssues`/`maxPages` in the last poll. */
  private truncated: string[] = [];
  private notice: string | undefined;

  constructor(private readonly options: SentryOptions) {
    this.name = options.name;
  }

  static fromConfig(config: SourceConfig, services: readonly ServiceConfig[], credentials: CredentialProvider | undefined): SentrySource {
    const organization = requiredString(config, 'organization', 'the organization slug, e.g. acme');
    const slugs = [...optionalStringList(config, 'project'), ...optionalStringList(config, 'projects')];
    if (slugs.length === 0) throw new SourceError(config.name, 'a `sentry` source needs `project`: a project slug or a list of them');
    const service = optionalString(config, 'service');
    const projects = new Map<string, string | undefined>();
    for (const slug of slugs) projects.set(slug, service ?? services.find((s) => s.name === slug)?.name);
    return new SentrySource({
      name: config.name,
      client: httpClientFor(config, { url: 'https://sentry.io', auth: 'bearer' }, credentials),
      organization,
      projects,
      query: optionalString(config, 'query') ?? '',
      maxIssues: optionalNumber(config, 'maxIssues', 100, 1, 1000),
      maxPages: optionalNumber(config, 'maxPages', 5, 1, 50),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    const period = STATS_PERIODS.find((p) => window.until - window.since <= p.rangeMs) ?? STATS_PERIODS[1];
    const since = Math.max(window.since, window.until - period.rangeMs);
    this.notice = window.until - window.since > period.rangeMs ? `Sentry's issue stats reach back ${period.period}: the window was clamped to it` : undefined;
    const askSince = Math.max(since, (this.newestLastSeen ?? since) - LAST_SEEN_OVERLAP_MS);
    const events: ProdEvent[] = [];
    const updates: CountUpdate[] = [];
    let newest = this.newestLastSeen ?? 0;
    this.deferred = 0;
    this.truncated = [];
    for (const [project, service] of this.options.projects) {
      const issues = await this.listIssues(project, period.period, askSince, signal);
      for (const issue of issues) {
        const lastSeen = dateFrom(issue.lastSeen);
        const summary = await this.latestEvent(issue, lastSeen, signal);
        if (!summary) {
          this.deferred++;
          continue;
        }
        this.issueEvents(issue, summary, { since, bucketMs: period.bucketMs, service }, events, updates);
        if (Number.isFinite(lastSeen)) newest = Math.max(newest, lastSeen);
      }
    }
    this.commit(updates, since);
    if (this.deferred === 0 && newest > 0) this.newestLastSeen = newest;
    return { events, incidents: [] };
  }

  /** Unresolved issues seen since `since`, following the `Link` header's cursor up to the configured bounds. */
  private async listIssues(project: string, statsPeriod: string, since: number, signal: AbortSignal | undefined): Promise<SentryIssue[]> {
    const path = `api/0/projects/${encodeURIComponent(this.options.organization)}/${encodeURIComponent(project)}/issues/`;
    const query = ['is:unresolved', `lastSeen:>${new Date(since).toISOString()}`, this.options.query].filter((q) => q !== '').join(' ');
    const issues: SentryIssue[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.options.maxPages && issues.length < this.options.maxIssues; page++) {
      const response = await this.get<unknown>(path, { query, statsPeriod, cursor }, signal);
      if (!Array.isArray(response.data)) throw new SourceError(this.name, `${this.options.client.origin}/${path} did not answer with a list of issues: check \`url\`, \`organization\` and \`project\``);
      for (const issue of response.data) if (isIssue(issue)) issues.push(issue);
      // The cursor is reused on our own URL rather than following the link, whose host may differ (org subdomains).
      cursor = nextCursor(response.headers.link);
      if (!cursor) break;
    }
    // Sentry lists the most recently seen first: what is left out is the quieter end.
    if (cursor || issues.length > this.options.maxIssues) this.truncated.push(project);
    return issues.slice(0, this.options.maxIssues);
  }

  /** The issue's latest event (cached while the issue is quiet); undefined when deferred by the rate limit. */
  private async latestEvent(issue: SentryIssue, lastSeen: number, signal: AbortSignal | undefined): Promise<SentryEventSummary | undefined> {
    const cached = this.events.get(issue.id);
    const now = this.now();
    if (cached && (!(lastSeen > cached.lastSeen) || now - cached.fetchedAt < EVENT_REFRESH_MS)) return cached.summary;
    if (this.pausedUntil !== undefined && now < this.pausedUntil) return cached?.summary;
    const path = `api/0/organizations/${encodeURIComponent(this.options.organization)}/issues/${encodeURIComponent(issue.id)}/events/latest/`;
    let summary: SentryEventSummary;
    try {
      summary = summariseSentryEvent((await this.get<unknown>(path, {}, signal)).data);
    } catch (error) {
      // Deleted or merged since it was listed: show the issue without frames rather than fail the poll.
      if (error instanceof HttpSourceError && error.status === 404) summary = {};
      else throw error;
    }
    this.events.set(issue.id, { summary, fetchedAt: now, lastSeen: Number.isFinite(lastSeen) ? lastSeen : now });
    return summary;
  }

  /** A GET that watches Sentry's `X-Sentry-Rate-Limit-*` headers and turns a 429 into a wait until the reset. */
  private async get<T>(path: string, query: Record<string, string | undefined>, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    try {
      const response = await this.options.client.getJson<T>(path, { query, signal });
      this.noteRateLimit(response.headers);
      return response;
    } catch (error) {
      if (error instanceof HttpSourceError && error.kind === 'rate-limited' && error.retryAfterMs === undefined && this.rateLimitResetAt !== undefined) {
        const retryAfterMs = Math.max(0, this.rateLimitResetAt - this.now());
        throw new HttpSourceError(error.source, error.kind, `${error.reason}; its rate-limit window resets in ${Math.ceil(retryAfterMs / 1000)} s`, { ...error.details, retryAfterMs });
      }
      throw error;
    }
  }

  private noteRateLimit(headers: Record<string, string>): void {
    const remaining = headerNumber(headers['x-sentry-rate-limit-remaining']);
    const reset = headerNumber(headers['x-sentry-rate-limit-reset']);
    this.rateLimitResetAt = reset === undefined ? undefined : reset * 1000;
    // Budget nearly spent: defer the remaining latest-event reads until the window resets.
    this.pausedUntil = remaining !== undefined && remaining <= RATE_LIMIT_RESERVE ? this.rateLimitResetAt : undefined;
  }

  /** One event per stats bucket with occurrences not reported yet (or one for the whole count when there are no stats). */
  private issueEvents(issue: SentryIssue, summary: SentryEventSummary, scope: { since: number; bucketMs: number; service: string | undefined }, out: ProdEvent[], updates: CountUpdate[]): void {
    const template = this.eventTemplate(issue, summary, scope.service);
    const firstSeen = dateFrom(issue.firstSeen);
    const lastSeen = dateFrom(issue.lastSeen) || summary.timestamp || this.now();
    const reported = this.counts.get(issue.id);
    const buckets = statsBuckets(issue);
    if (!buckets) {
      const total = occurrences(numberFrom(issue.count ?? 0));
      const fresh = total - (reported?.total ?? 0);
      if (fresh > 0) out.push({ ...template, timestamp: lastSeen, count: fresh });
      if (fresh > 0) updates.push({ issue: issue.id, count: total });
      return;
    }
    for (const [start, count] of buckets) {
      if (start + scope.bucketMs <= scope.since || count <= 0) continue;
      const fresh = count - (reported?.buckets.get(start) ?? 0);
      if (fresh <= 0) continue;
      // Inside the bucket, as close to the truth as the issue tells: its first and last sighting.
      const timestamp = Math.min(Math.max(start, scope.since, firstSeen || start), start + scope.bucketMs - 1, lastSeen);
      out.push({ ...template, timestamp: Math.max(timestamp, start), count: fresh });
      updates.push({ issue: issue.id, bucket: start, count });
    }
  }

  private eventTemplate(issue: SentryIssue, summary: SentryEventSummary, service: string | undefined): Omit<ProdEvent, 'timestamp'> {
    const metadata = isRecord(issue.metadata) ? issue.metadata : {};
    const event: Omit<ProdEvent, 'timestamp'> = { message: text(issue.title) ?? text(metadata.title) ?? text(issue.culprit) ?? `Sentry issue ${issue.id}`, source: this.name, fingerprint: `${this.name}:${issue.id}` };
    if (service) event.service = service;
    const level: Level | undefined = normaliseLevel(issue.level);
    if (level) event.level = level;
    if (summary.release) event.version = summary.release;
    if (summary.environment) event.environment = summary.environment;
    if (typeof issue.permalink === 'string' && /^https?:\/\//i.test(issue.permalink)) event.link = issue.permalink;
    if (summary.stack) {
      const type = text(metadata.type) ?? summary.stack.exceptions[0]?.type;
      const message = typeof metadata.value === 'string' ? metadata.value : summary.stack.exceptions[0]?.message;
      event.exception = { parsed: summary.stack };
      if (type) event.exception.type = type;
      if (message !== undefined) event.exception.message = message;
    }
    return event;
  }

  /** Records what this poll reported; buckets that left the window are forgotten so memory stays bounded. */
  private commit(updates: CountUpdate[], since: number): void {
    for (const u of updates) {
      const entry = this.counts.get(u.issue) ?? { buckets: new Map<number, number>(), total: 0 };
      if (u.bucket === undefined) entry.total = u.count;
      else entry.buckets.set(u.bucket, u.count);
      this.counts.set(u.issue, entry);
    }
    for (const [id, entry] of this.counts) {
      for (const start of entry.buckets.keys()) if (start < since - STATS_PERIODS[1].bucketMs) entry.buckets.delete(start);
      if (entry.buckets.size === 0 && entry.total === 0) this.counts.delete(id);
    }
  }

  health(): SourceHealth {
    const health: SourceHealth = { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: 0, origin: this.options.client.origin };
    const notices = [this.options.client.notice, this.notice];
    if (this.truncated.length > 0) notices.push(`${this.truncated.join(', ')}: more unresolved issues than maxIssues/maxPages allow; the most recently seen are shown`);
    if (this.deferred > 0) notices.push(`${this.deferred} issue(s) wait for Sentry's rate-limit window to reset before their latest event is read`);
    const notice = notices.filter((n) => n).join('; ');
    if (notice) health.notice = notice;
    return health;
  }

  dispose(): void {}
}

function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function isIssue(value: unknown): value is SentryIssue {
  return typeof value === 'object' && value !== null && typeof (value as SentryIssue).id === 'string';
}

/** The issue's stats buckets as [start ms, count], whichever period they are for; undefined without stats. */
function statsBuckets(issue: SentryIssue): Array<[number, number]> | undefined {
  if (!issue.stats || typeof issue.stats !== 'object') return undefined;
  const series = Object.values(issue.stats).find((s) => Array.isArray(s));
  if (!series) return undefined;
  const out: Array<[number, number]> = [];
  for (const point of series) {
    if (!Array.isArray(point) || typeof point[0] !== 'number' || !Number.isFinite(point[0] * 1000)) continue;
    const count = occurrences(point[1]);
    if (count > 0) out.push([point[0] * 1000, count]);
  }
  return out;
}

/** A count from the body as a whole number of occurrences: anything else (a fraction, NaN, 1e400, a string) counts none. */
function occurrences(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

