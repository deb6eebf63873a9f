import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import type { Incident } from '../core/events';
import { parseDuration } from '../core/duration';
import type { CredentialProvider } from './http/credentials';
import { httpClientFor } from './http/clientFromConfig';
import type { HttpClient } from './http/httpClient';
import { optionalString, optionalStringList } from './sourceOptions';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';
import { dateFrom, isRecord, text } from './bodyValues';

/** One incident of `GET /incidents` (PagerDuty REST API v2), the fields OpsLens reads. */
export interface PagerDutyIncident {
  id: string;
  type?: string;
  summary?: string;
  html_url?: string;
  incident_number?: number;
  title?: string;
  description?: string;
  created_at: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  service?: { id: string; summary?: string; html_url?: string };
  priority?: { summary?: string } | null;
  escalation_policy?: { summary?: string };
}

/** The classic-pagination envelope of `GET /incidents`. */
export interface PagerDutyIncidentPage {
  incidents: PagerDutyIncident[];
  limit: number;
  offset: number;
  more: boolean;
  total: number | null;
}

/** PagerDuty's documented limits: 100 per page, offset+limit ≤ 10,000, since/until at most 6 months apart. */
export const PAGE_LIMIT = 100;
export const OFFSET_CAP = 10_000;
export const MAX_RANGE_MS = 180 * 24 * 3_600_000;
/** Open incidents created up to this long ago are shown (PagerDuty's own default range when none is given). */
const DEFAULT_LOOKBACK_MS = 30 * 24 * 3_600_000;
/** Service ids per request, keeping the URL short. */
const IDS_PER_REQUEST = 25;

export interface PagerDutyOptions {
  name: string;
  client: HttpClient;
  /** PagerDuty service id → the workspace service it belongs to. */
  services: Map<string, string | undefined>;
  lookbackMs: number;
}

/**
 * Open incidents (triggered, acknowledged) of the workspace services' PagerDuty
 * services. Incidents are a snapshot: an incident resolved since the last poll
 * simply no longer appears.
 */
export class PagerDutySource implements Source {
  readonly type = 'pagerduty';
  readonly name: string;
  private notice: string | undefined;
  /** Entries of the last poll without an id: left out. */
  private skipped = 0;

  constructor(private readonly options: PagerDutyOptions) {
    this.name = options.name;
  }

  static fromConfig(config: SourceConfig, services: readonly ServiceConfig[], credentials: CredentialProvider | undefined): PagerDutySource {
    const ids = new Map<string, string | undefined>();
    for (const s of services) if (s.pagerduty) ids.set(s.pagerduty, s.name);
    for (const id of optionalStringList(config, 'serviceIds')) if (!ids.has(id)) ids.set(id, undefined);
    if (ids.size === 0) {
      throw new SourceError(config.name, 'no PagerDuty service ids: add `pagerduty: PXXXXXX` to a service in .opslens.yaml, the `pagerduty.com/service-id` annotation to catalog-info.yaml, or `serviceIds:` to this source');
    }
    const lookbackText = optionalString(config, 'lookback');
    const lookbackMs = lookbackText === undefined ? DEFAULT_LOOKBACK_MS : parseDuration(lookbackText);
    if (lookbackMs === undefined || lookbackMs <= 0) throw new SourceError(config.name, '`lookback` must be a duration such as 30d');
    const client = httpClientFor(config, { url: 'https://api.pagerduty.com', auth: 'token', headers: { Accept: 'application/vnd.pagerduty+json;version=2' } }, credentials);
    return new PagerDutySource({ name: config.name, client, services: ids, lookbackMs: Math.min(lookbackMs, MAX_RANGE_MS) });
  }

  async poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    const until = window.until;
    const since = until - this.options.lookbackMs;
    const ids = [...this.options.services.keys()];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) chunks.push(ids.slice(i, i + IDS_PER_REQUEST));
    this.notice = undefined;
    const incidents: Incident[] = [];
    let skipped = 0;
    for (const chunk of chunks) {
      for (const raw of await this.fetchAll(chunk, since, until, signal)) {
        const incident = this.toIncident(raw);
        if (incident) incidents.push(incident);
        else skipped++;
      }
    }
    this.skipped = skipped;
    return { events: [], incidents };
  }

  /** Follows `more` page by page, stopping at the documented offset cap (and saying so). */
  private async fetchAll(serviceIds: string[], since: number, until: number, signal: AbortSignal | undefined): Promise<PagerDutyIncident[]> {
    const out: PagerDutyIncident[] = [];
    for (let offset = 0; ; offset += PAGE_LIMIT) {
      const page = await this.fetchPage(serviceIds, since, until, offset, signal);
      // One by one: `push(...list)` overflows the stack on a page of a few hundred thousand entries.
      for (const incident of page.incidents) out.push(incident);
      if (!page.more || page.incidents.length === 0) return out;
      if (offset + 2 * PAGE_LIMIT > OFFSET_CAP) {
        this.notice = `more than ${OFFSET_CAP} open incidents: PagerDuty pages no further than that; showing the first ${out.length}`;
        return out;
      }
    }
  }

  private async fetchPage(serviceIds: string[], since: number, until: number, offset: number, signal: AbortSignal | undefined): Promise<PagerDutyIncidentPage> {
    const response = await this.options.client.getJson<PagerDutyIncidentPage>('incidents', {
      query: {
        'statuses[]': ['triggered', 'acknowledged'],
        'service_ids[]': serviceIds,
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        time_zone: 'UTC',
        sort_by: 'created_at:desc',
        limit: PAGE_LIMIT,
        offset,
      },
      signal,
    });
    const page = response.data;
    if (!page || !Array.isArray(page.incidents)) throw new SourceError(this.name, `${this.options.client.origin}/incidents did not answer with a list of incidents: is \`url\` the PagerDuty REST API?`);
    return page;
  }

  /** Undefined for an entry without an id; every other field is read only when it has the documented type. */
  private toIncident(entry: unknown): Incident | undefined {
    if (!isRecord(entry) || !text(entry.id)) return undefined;
    const raw = entry as Partial<Record<keyof PagerDutyIncident, unknown>> & { id: string };
    const labels: Record<string, string> = {};
    if (typeof raw.incident_number === 'number' && Number.isFinite(raw.incident_number)) labels.incident_number = String(raw.incident_number);
    const urgency = text(raw.urgency);
    if (urgency) labels.urgency = urgency;
    const priority = summaryOf(raw.priority);
    if (priority) labels.priority = priority;
    const serviceName = summaryOf(raw.service);
    if (serviceName) labels.pagerduty_service = serviceName;
    const policy = summaryOf(raw.escalation_policy);
    if (policy) labels.escalation_policy = policy;
    const incident: Incident = {
      id: raw.id,
      source: this.name,
      title: text(raw.title) ?? text(raw.summary) ?? raw.id,
      status: raw.status === 'acknowledged' ? 'acknowledged' : 'triggered',
      startsAt: dateFrom(raw.created_at) || 0,
      labels,
      runbookUrls: [],
    };
    const serviceId = isRecord(raw.service) ? text(raw.service.id) : undefined;
    const service = serviceId === undefined ? undefined : this.options.services.get(serviceId);
    if (service) incident.service = service;
    const description = text(raw.description);
    if (description && description !== incident.title) incident.description = description;
    const severity = priority ?? urgency;
    if (severity) incident.severity = severity;
    const link = text(raw.html_url);
    if (link && /^https:\/\//i.test(link)) incident.link = link;
    return incident;
  }

  health(): SourceHealth {
    const health: SourceHealth = { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: this.skipped, origin: this.options.client.origin };
    const notice = this.options.client.notice ?? this.notice;
    if (notice) health.notice = notice;
    return health;
  }

  dispose(): void {}
}


/** The `summary` of a reference object (`service`, `priority`, `escalation_policy`). */
function summaryOf(value: unknown): string | undefined {
  return isRecord(value) ? text(value.summary) : undefined;
}
