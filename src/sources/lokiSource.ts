import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import { parseDuration } from '../core/duration';
import type { ProdEvent } from '../core/events';
import { normaliseLevel } from '../core/logRecords/levels';
import { parseLogText } from '../core/logRecords/parseLogText';
import { httpClientFor } from './http/clientFromConfig';
import type { CredentialProvider } from './http/credentials';
import type { HttpClient } from './http/httpClient';
import { spreadCounts, type SampledLine } from './sampledCounts';
import { optionalNumber, optionalString, requiredString } from './sourceOptions';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';
import { incrementalWindow, splitWindow } from './timeChunks';
import { isRecord, numberFrom, stringEntries } from './bodyValues';
import { replaceEach } from '../core/text/escapeMarkdown';

/** Loki's documented defaults: `max_query_length` 721h, `max_entries_limit_per_query` 5000. */
export const LOKI_MAX_QUERY_LENGTH_MS = 721 * 3_600_000;
export const LOKI_MAX_ENTRIES = 5000;
const QUERY_RANGE = 'loki/api/v1/query_range';
const SERVICE_PLACEHOLDER = '${service}';

/** The body of `GET /loki/api/v1/query_range` (Loki HTTP API), both result types. */
interface QueryRangeResponse {
  status: string;
  data?: {
    resultType: 'streams' | 'matrix' | 'vector' | 'scalar';
    /** Each entry as the backend sent it: checked before use. */
    result: unknown[];
  };
}

/** A LogQL stream selector and the workspace service it stands for. */
export interface LokiSelector {
  selector: string;
  service?: string;
}

export interface LokiOptions {
  name: string;
  client: HttpClient;
  selectors: LokiSelector[];
  /** Stream label or structured-metadata key holding the level (Loki 3 adds `detected_level`). */
  levelLabel: string;
  /** RE2 alternatives of the levels fetched (warning and above). */
  levels: string;
  /** Lines sampled per selector and chunk of the window. */
  sampleLimit: number;
  chunkMs: number;
  maxChunks: number;
  maxQueryLengthMs: number;
  grafana?: { url: string; datasource: string };
}

/**
 * Warning-and-above log lines from Loki, for each service's LogQL selector. The
 * counts come from Loki (`sum by (level) (count_over_time(…))`, one metric query
 * per selector), the lines only as a bounded sample per chunk of the window
 * (`query_range`, `direction=backward`, `limit`), so a service writing millions
 * of lines an hour costs a few small requests. Each poll starts where the last
 * good one ended.
 */
export class LokiSource implements Source {
  readonly type = 'loki';
  readonly name: string;
  private coveredUntil: number | undefined;
  private skipped = 0;
  private unsampled = 0;
  private clamped = false;

  constructor(private readonly options: LokiOptions) {
    this.name = options.name;
  }

  static fromConfig(config: SourceConfig, services: readonly ServiceConfig[], credentials: CredentialProvider | undefined): LokiSource {
    requiredString(config, 'url', 'the Loki base URL, e.g. http://loki:3100 or https://logs-prod-eu-west-0.grafana.net');
    const tenant = optionalString(config, 'tenant') ?? optionalString(config, 'orgId');
    const client = httpClientFor(config, { auth: 'bearer', headers: tenant ? { 'X-Scope-OrgID': tenant } : undefined }, credentials);
    const grafanaUrl = optionalString(config, 'grafanaUrl');
    const datasource = optionalString(config, 'grafanaDatasource');
    if (grafanaUrl && !datasource) throw new SourceError(config.name, '`grafanaUrl` needs `grafanaDatasource`: the uid of the Loki data source in Grafana');
    return new LokiSource({
      name: config.name,
      client,
      selectors: selectorsFor(config, services),
      levelLabel: optionalString(config, 'levelLabel') ?? 'detected_level',
      levels: optionalString(config, 'levels') ?? 'warn|warning|WARN|WARNING|error|err|ERROR|fatal|FATAL|critical|CRITICAL|panic|PANIC',
      sampleLimit: optionalNumber(config, 'sampleLimit', 100, 1, LOKI_MAX_ENTRIES),
      chunkMs: durationOption(config, 'chunk', 3_600_000),
      maxChunks: optionalNumber(config, 'maxChunks', 24, 1, 200),
      maxQueryLengthMs: durationOption(config, 'maxQueryLength', LOKI_MAX_QUERY_LENGTH_MS),
      grafana: grafanaUrl && datasource ? { url: withoutTrailingSlashes(grafanaUrl), datasource } : undefined,
    });
  }

  async poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    const { window: range, clamped } = incrementalWindow(window, this.coveredUntil, this.options.maxQueryLengthMs);
    this.clamped = clamped && this.coveredUntil === undefined;
    const chunks = splitWindow(range, this.options.chunkMs, this.options.maxChunks);
    const events: ProdEvent[] = [];
    let skipped = 0;
    let unsampled = 0;
    for (const target of this.options.selectors) {
      if (chunks.length === 0) break;
      const counts = await this.countLines(target, range, chunks.length, signal);
      const lines: SampledLine[] = [];
      for (const [index, chunk] of chunks.entries()) skipped += await this.sampleLines(target, chunk, index, lines, signal);
      const spread = spreadCounts(lines, counts);
      unsampled += spread.unsampled;
      for (const e of spread.events) events.push(e);
    }
    this.coveredUntil = range.until;
    this.skipped += skipped;
    this.unsampled = unsampled;
    return { events, incidents: [] };
  }

  /** The level filter appended to a selector: `| detected_level=~"warn|error|…"`. */
  private filtered(selector: string): string {
    return `${selector} | ${this.options.levelLabel}=~"${escapeLogQlString(this.options.levels)}"`;
  }

  /** Lines per (chunk, level), counted by Loki: one range query whose steps are the chunks. */
  private async countLines(target: LokiSelector, range: TimeWindow, chunkCount: number, signal: AbortSignal | undefined): Promise<Map<string, number>> {
    const stepMs = (range.until - range.since) / chunkCount;
    const label = this.options.levelLabel;
    const query = `sum by (${label}) (count_over_time(${this.filtered(target.selector)} [${Math.max(1, Math.round(stepMs))}ms]))`;
    const start = range.since + stepMs;
    const body = await this.queryRange({ query, start: nanos(start), end: nanos(range.until), step: (stepMs / 1000).toFixed(3) }, signal);
    const counts = new Map<string, number>();
    if (body.data?.resultType !== 'matrix') return counts;
    for (const series of body.data.result) {
      // Entries are checked one by one: a malformed series is left out, never fatal to the poll.
      if (!isRecord(series) || !Array.isArray(series.values)) continue;
      const level = stringEntries(series.metric)[label] ?? '';
      for (const point of series.values) {
        if (!Array.isArray(point)) continue;
        const at = numberFrom(point[0]) * 1000;
        const value = numberFrom(point[1]);
        const index = Math.round((at - start) / stepMs);
        if (!Number.isFinite(value) || index < 0 || index >= chunkCount) continue;
        const key = `${index}|${level}`;
        counts.set(key, (counts.get(key) ?? 0) + Math.round(value));
      }
    }
    return counts;
  }

  /** The newest `sampleLimit` lines of one chunk, parsed; returns how many lines could not be read. */
  private async sampleLines(target: LokiSelector, chunk: TimeWindow, index: number, out: SampledLine[], signal: AbortSignal | undefined): Promise<number> {
    const query = this.filtered(target.selector);
    const body = await this.queryRange({ query, start: nanos(chunk.since), end: nanos(chunk.until), limit: this.options.sampleLimit, direction: 'backward' }, signal);
    if (body.data?.resultType !== 'streams') return 0;
    let skipped = 0;
    for (const stream of body.data.result) {
      if (!isRecord(stream) || !Array.isArray(stream.values)) {
        skipped++;
        continue;
      }
      const labels = stringEntries(stream.stream);
      const level = labels[this.options.levelLabel] ?? '';
      for (const value of stream.values) {
        const entry = Array.isArray(value) ? (value as unknown[]) : [];
        const timestamp = millisFromNanos(entry[0]);
        const line = entry[1];
        if (timestamp === undefined || typeof line !== 'string') {
          skipped++;
          continue;
        }
        for (const event of this.eventsOf(line, timestamp, labels, target)) out.push({ event, key: `${index}|${level}` });
      }
    }
    return skipped;
  }

  /** A line through the project's log parsers (JSON, logfmt, plain text), completed from the stream labels. */
  private eventsOf(line: string, timestamp: number, labels: Record<string, string>, target: LokiSelector): ProdEvent[] {
    const parsed = parseLogText(line, this.name).events;
    const events = parsed.length > 0 ? parsed : [{ timestamp, message: line, source: this.name }];
    const level = normaliseLevel(labels[this.options.levelLabel]) ?? normaliseLevel(labels.level);
    const service = labels.service_name ?? labels.service ?? target.service;
    return events.map((event) => {
      const e: ProdEvent = { ...event, timestamp };
      if (!e.level && level) e.level = level;
      if (!e.service && service) e.service = service;
      const link = this.exploreLink(target.selector, e.message, timestamp);
      if (link) e.link = link;
      return e;
    });
  }

  private async queryRange(query: Record<string, string | number>, signal: AbortSignal | undefined): Promise<QueryRangeResponse> {
    const response = await this.options.client.getJson<QueryRangeResponse>(QUERY_RANGE, { query, signal });
    const body = response.data;
    if (!body || typeof body !== 'object' || body.status !== 'success' || !body.data || !Array.isArray(body.data.result)) {
      throw new SourceError(this.name, `${this.options.client.origin}/${QUERY_RANGE} did not answer with a Loki query result: is \`url\` a Loki (or Grafana Cloud Logs) endpoint?`);
    }
    return body;
  }

  /** Grafana Explore on this selector, narrowed to lines holding the start of the message, around when it was logged. */
  private exploreLink(selector: string, message: string, timestamp: number): string | undefined {
    const grafana = this.options.grafana;
    if (!grafana) return undefined;
    const needle = firstLine(message).slice(0, 80);
    const expr = needle ? `${selector} |= "${escapeLogQlString(needle)}"` : selector;
    const datasource = { type: 'loki', uid: grafana.datasource };
    const panes = { opslens: { datasource: grafana.datasource, queries: [{ refId: 'A', expr, queryType: 'range', datasource }], range: { from: String(timestamp - 3_600_000), to: String(timestamp + 300_000) } } };
    return `${grafana.url}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}&orgId=1`;
  }

  health(): SourceHealth {
    const health: SourceHealth = { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: this.skipped, origin: this.options.client.origin };
    const notices = [this.options.client.notice];
    if (this.clamped) notices.push(`the window is longer than Loki's max_query_length (${Math.round(this.options.maxQueryLengthMs / 3_600_000)}h): clamped to it`);
    if (this.unsampled > 0) notices.push(`${this.unsampled} line(s) counted by Loki in the last poll had no sampled line to stand for them (raise \`sampleLimit\`)`);
    const notice = notices.filter((n) => n).join('; ');
    if (notice) health.notice = notice;
    return health;
  }

  dispose(): void {}
}

/** One selector per workspace service from `query` (with `${service}`) or `{service_name="<service>"}`; a literal `query` is used once. */
function selectorsFor(config: SourceConfig, services: readonly ServiceConfig[]): LokiSelector[] {
  const query = optionalString(config, 'query');
  const service = optionalString(config, 'service');
  if (query !== undefined && !query.includes(SERVICE_PLACEHOLDER)) return [{ selector: query, service }];
  const names = service ? [service] : services.map((s) => s.name);
  if (names.length === 0) throw new SourceError(config.name, 'a `loki` source needs `query` (a LogQL selector) or services in .opslens.yaml to build `{service_name="<service>"}` from');
  const template = query ?? `{service_name="${SERVICE_PLACEHOLDER}"}`;
  return names.map((name) => ({ selector: template.split(SERVICE_PLACEHOLDER).join(escapeLogQlString(name)), service: name }));
}

function durationOption(config: SourceConfig, key: string, fallback: number): number {
  const text = optionalString(config, key);
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new SourceError(config.name, `\`${key}\` must be a duration such as 1h`);
  return ms;
}

/** Epoch milliseconds as the nanosecond string Loki takes (exact: no float rounding). */
export function nanos(ms: number): string {
  return `${BigInt(Math.floor(ms))}000000`;
}

/** Loki's nanosecond timestamp string as epoch milliseconds (BigInt: a double loses the last digits). */
export function millisFromNanos(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 25) return undefined;
  for (const ch of value) if (ch < '0' || ch > '9') return undefined;
  return Number(BigInt(value) / 1_000_000n);
}

/** The inside of a double-quoted LogQL string: backslash, quote and control characters escaped as Go's strconv expects. */
export function escapeLogQlString(value: string): string {
  return replaceEach(value, (code) => {
    if (code === 92 || code === 34) return `\\${String.fromCharCode(code)}`;
    if (code === 10) return '\\n';
    if (code === 13) return '\\r';
    if (code === 9) return '\\t';
    return code < 32 ? `\\x${code.toString(16).padStart(2, '0')}` : undefined;
  });
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** `url.replace(/\/+$/, '')` without that regex's quadratic retries over a long run of slashes (the URL comes from workspace config). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47) end--;
  return url.slice(0, end);
}
