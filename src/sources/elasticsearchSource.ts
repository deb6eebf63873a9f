import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import type { ProdEvent } from '../core/events';
import { normaliseLevel } from '../core/logRecords/levels';
import { parseTimestamp } from '../core/logRecords/timestamps';
import { httpClientFor } from './http/clientFromConfig';
import type { CredentialProvider } from './http/credentials';
import type { HttpClient } from './http/httpClient';
import { spreadCounts, type SampledLine } from './sampledCounts';
import { optionalNumber, optionalString, optionalStringList, requiredString } from './sourceOptions';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';
import { incrementalWindow, splitWindow } from './timeChunks';
import { isRecord, keyText, numberFrom } from './bodyValues';

/** Elasticsearch's and OpenSearch's `index.max_result_window` default: no sample ever reaches past it. */
export const MAX_RESULT_WINDOW = 10_000;

/** Where each part of an event lives in a document. ECS names by default; `fields:` overrides any of them. */
export interface FieldMap {
  timestamp: string;
  service: string;
  level: string;
  message: string;
  errorType: string;
  errorMessage: string;
  errorStack: string;
  file: string;
  line: string;
  function: string;
  logger: string;
  version: string;
  environment: string;
}

export const ECS_FIELDS: FieldMap = {
  timestamp: '@timestamp',
  service: 'service.name',
  level: 'log.level',
  message: 'message',
  errorType: 'error.type',
  errorMessage: 'error.message',
  errorStack: 'error.stack_trace',
  file: 'log.origin.file.name',
  line: 'log.origin.file.line',
  function: 'log.origin.function',
  logger: 'log.logger',
  version: 'service.version',
  environment: 'service.environment',
};

/** Warning and above, as log libraries spell them (the level field is a case-sensitive keyword). */
const DEFAULT_LEVELS = ['warn', 'warning', 'error', 'err', 'fatal', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'panic', 'severe'].flatMap((l) => [l, l.toUpperCase()]);

interface SearchHit {
  _id?: string;
  _source?: Record<string, unknown>;
  sort?: unknown[];
}

/** The parts of a `_search` answer OpsLens reads (the same in Elasticsearch and OpenSearch). */
interface SearchResponse {
  timed_out?: boolean;
  _shards?: { failed?: number };
  hits?: { hits?: SearchHit[] };
  aggregations?: { levels?: { buckets?: Array<{ key?: unknown; doc_count?: number }>; sum_other_doc_count?: number } };
}

export interface ElasticsearchOptions {
  name: string;
  type: 'elasticsearch' | 'opensearch';
  client: HttpClient;
  index: string;
  services: string[];
  fields: FieldMap;
  levels: string[];
  /** A field with a unique value per document, sorted after the timestamp so `search_after` never skips or repeats. */
  tiebreaker: string;
  /** Documents sampled per chunk of the window (at most 10,000). */
  sampleLimit: number;
  pageSize: number;
  chunkMs: number;
  maxChunks: number;
}

/**
 * Warning-and-above log documents from an Elasticsearch or OpenSearch index
 * (one implementation: their `_search` APIs agree on everything used here). The
 * query is pushed down (a bool filter on service, time range and level); counts
 * come from a `terms` aggregation on the level per chunk of the window, the
 * documents only as a bounded sample per chunk, paged with `search_after` on
 * the timestamp and a tiebreaker, never beyond the 10,000-hit window.
 */
export class ElasticsearchSource implements Source {
  readonly type: 'elasticsearch' | 'opensearch';
  readonly name: string;
  private coveredUntil: number | undefined;
  private skipped = 0;
  private notice: string | undefined;

  constructor(private readonly options: ElasticsearchOptions) {
    this.name = options.name;
    this.type = options.type;
  }

  static fromConfig(config: SourceConfig, services: readonly ServiceConfig[], credentials: CredentialProvider | undefined): ElasticsearchSource {
    const type = config.type === 'opensearch' ? 'opensearch' : 'elasticsearch';
    requiredString(config, 'url', 'the cluster URL, e.g. https://es.example.com:9200');
    const index = requiredString(config, 'index', 'the index or pattern to search, e.g. logs-*');
    const named = optionalStringList(config, 'service');
    const serviceNames = named.length > 0 ? named : services.map((s) => s.name);
    if (serviceNames.length === 0) throw new SourceError(config.name, `a \`${type}\` source needs services in .opslens.yaml or \`service:\` to filter on`);
    const levels = optionalStringList(config, 'levels');
    return new ElasticsearchSource({
      name: config.name,
      type,
      client: httpClientFor(config, { auth: type === 'elasticsearch' ? 'apikey' : 'basic' }, credentials),
      index,
      services: serviceNames,
      fields: fieldMap(config),
      levels: levels.length > 0 ? levels : DEFAULT_LEVELS,
      tiebreaker: optionalString(config, 'tiebreaker') ?? '_doc',
      sampleLimit: optionalNumber(config, 'sampleLimit', 100, 1, MAX_RESULT_WINDOW),
      pageSize: optionalNumber(config, 'pageSize', 100, 1, MAX_RESULT_WINDOW),
      chunkMs: 3_600_000,
      maxChunks: optionalNumber(config, 'maxChunks', 24, 1, 200),
    });
  }

  async poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    const { window: range } = incrementalWindow(window, this.coveredUntil, Number.MAX_SAFE_INTEGER);
    const chunks = splitWindow(range, this.options.chunkMs, this.options.maxChunks);
    const lines: SampledLine[] = [];
    const counts = new Map<string, number>();
    const problems = new Set<string>();
    let skipped = 0;
    for (const [index, chunk] of chunks.entries()) skipped += await this.searchChunk(chunk, index, { lines, counts, problems }, signal);
    const spread = spreadCounts(lines, counts);
    if (spread.unsampled > 0) problems.add(`${spread.unsampled} document(s) counted by the aggregation had no sampled document to stand for them`);
    this.coveredUntil = range.until;
    this.skipped += skipped;
    this.notice = [...problems].join('; ') || undefined;
    return { events: spread.events, incidents: [] };
  }

  /** One chunk: the level counts and the newest documents, page after page up to the sample limit; returns unreadable hits. */
  private async searchChunk(chunk: TimeWindow, index: number, out: { lines: SampledLine[]; counts: Map<string, number>; problems: Set<string> }, signal: AbortSignal | undefined): Promise<number> {
    let searchAfter: unknown[] | undefined;
    let taken = 0;
    let skipped = 0;
    while (taken < this.options.sampleLimit) {
      const size = Math.min(this.options.pageSize, this.options.sampleLimit - taken);
      const body = await this.search(this.searchBody(chunk, size, searchAfter), signal);
      if (body.timed_out) out.problems.add('the cluster timed out on part of a search: samples may be missing');
      if (numberFrom(body._shards?.failed) > 0) out.problems.add('some shards failed to answer: samples may be missing');
      if (searchAfter === undefined) this.addCounts(body, index, out.counts);
      const hits = body.hits?.hits ?? [];
      for (const hit of hits) {
        // A malformed hit is counted and left out, never fatal to the poll.
        const line = isRecord(hit) ? this.lineOf(hit, index) : undefined;
        if (line) out.lines.push(line);
        else skipped++;
      }
      taken += hits.length;
      const last = hits.at(-1);
      if (hits.length < size || !last || !Array.isArray(last.sort)) break;
      searchAfter = last.sort;
    }
    return skipped;
  }

  private searchBody(chunk: TimeWindow, size: number, searchAfter: unknown[] | undefined): Record<string, unknown> {
    const f = this.options.fields;
    const body: Record<string, unknown> = {
      size,
      track_total_hits: false,
      _source: { includes: Object.values(f) },
      query: {
        bool: {
          filter: [
            { terms: { [f.service]: this.options.services } },
            { range: { [f.timestamp]: { gte: chunk.since, lt: chunk.until, format: 'epoch_millis' } } },
            { terms: { [f.level]: this.options.levels } },
          ],
        },
      },
      sort: [{ [f.timestamp]: { order: 'desc' } }, { [this.options.tiebreaker]: { order: 'desc' } }],
    };
    if (searchAfter) body.search_after = searchAfter;
    else body.aggs = { levels: { terms: { field: f.level, size: this.options.levels.length } } };
    return body;
  }

  private addCounts(body: SearchResponse, index: number, counts: Map<string, number>): void {
    const buckets: unknown = body.aggregations?.levels?.buckets;
    if (!Array.isArray(buckets)) return;
    for (const bucket of buckets) {
      if (!isRecord(bucket) || !Number.isSafeInteger(bucket.doc_count) || (bucket.doc_count as number) < 0) continue;
      counts.set(`${index}|${keyText(bucket.key)}`, bucket.doc_count as number);
    }
  }

  private async search(body: Record<string, unknown>, signal: AbortSignal | undefined): Promise<SearchResponse> {
    const path = `${encodeURIComponent(this.options.index)}/_search`;
    const response = await this.options.client.requestJson<SearchResponse>({ method: 'POST', path, body, signal, readOnly: true });
    const data = response.data;
    if (!data || typeof data !== 'object' || !data.hits || !Array.isArray(data.hits.hits)) {
      throw new SourceError(this.name, `${this.options.client.origin}/${path} did not answer with search hits: is \`url\` an ${this.type === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} cluster?`);
    }
    return data;
  }

  /** A hit as an event through the field map; undefined when it has neither a timestamp nor any text. */
  private lineOf(hit: SearchHit, index: number): SampledLine | undefined {
    const doc = hit._source;
    if (!doc || typeof doc !== 'object') return undefined;
    const f = this.options.fields;
    const read = (path: string): unknown => fieldValue(doc, path);
    const timestamp = parseTimestamp(read(f.timestamp));
    const rawLevel = read(f.level);
    const errorType = text(read(f.errorType));
    const errorMessage = text(read(f.errorMessage));
    const stacktrace = text(read(f.errorStack));
    const message = text(read(f.message)) ?? errorMessage ?? (errorType ? errorType : undefined);
    if (timestamp === undefined || message === undefined) return undefined;
    const event: ProdEvent = { timestamp, message, source: this.name };
    const level = normaliseLevel(rawLevel);
    if (level) event.level = level;
    assign(event, 'service', text(read(f.service)));
    assign(event, 'logger', text(read(f.logger)));
    assign(event, 'version', text(read(f.version)));
    assign(event, 'environment', text(read(f.environment)));
    if (errorType !== undefined || errorMessage !== undefined || stacktrace !== undefined) {
      event.exception = {};
      if (errorType !== undefined) event.exception.type = errorType;
      if (errorMessage !== undefined) event.exception.message = errorMessage;
      if (stacktrace !== undefined) event.exception.stacktrace = stacktrace;
    }
    const file = text(read(f.file));
    if (file) {
      event.code = { filepath: file };
      const line = numberFrom(read(f.line));
      if (Number.isInteger(line) && line > 0) event.code.lineno = line;
      const fn = text(read(f.function));
      if (fn) event.code.function = fn;
    }
    return { event, key: `${index}|${keyText(rawLevel)}` };
  }

  health(): SourceHealth {
    const health: SourceHealth = { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: this.skipped, origin: this.options.client.origin };
    const notice = [this.options.client.notice, this.notice].filter((n) => n).join('; ');
    if (notice) health.notice = notice;
    return health;
  }

  dispose(): void {}
}

function fieldMap(config: SourceConfig): FieldMap {
  const given = config.fields;
  if (given === undefined || given === null) return ECS_FIELDS;
  if (typeof given !== 'object' || Array.isArray(given)) throw new SourceError(config.name, '`fields` must map names (service, level, message, …) to document fields');
  const map: FieldMap = { ...ECS_FIELDS };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in ECS_FIELDS)) throw new SourceError(config.name, `\`fields.${key}\` is not a field OpsLens reads; use one of ${Object.keys(ECS_FIELDS).join(', ')}`);
    if (typeof value !== 'string' || value.trim() === '') throw new SourceError(config.name, `\`fields.${key}\` must be a field name`);
    map[key as keyof FieldMap] = value.trim();
  }
  return map;
}

/**
 * A dotted field of a document, whether stored nested (`{"log":{"level":…}}`),
 * flat (`{"log.level":…}`) or mixed: at each level the longest key that is a
 * prefix of the rest of the path is tried first.
 */
export function fieldValue(doc: unknown, path: string): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const record = doc as Record<string, unknown>;
  if (path in record) return record[path];
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const head = path.slice(0, dot);
    if (head in record) {
      const found = fieldValue(record[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0] || undefined;
  return undefined;
}

function assign(event: ProdEvent, key: 'service' | 'logger' | 'version' | 'environment', value: string | undefined): void {
  if (value !== undefined) event[key] = value;
}
