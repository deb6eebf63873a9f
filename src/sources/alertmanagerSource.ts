import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import type { Incident } from '../core/events';
import type { CredentialProvider } from './http/credentials';
import { httpClientFor } from './http/clientFromConfig';
import type { HttpClient } from './http/httpClient';
import { optionalBoolean, optionalStringList, optionalString, requiredString } from './sourceOptions';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';
import { dateFrom, stringEntries } from './bodyValues';
import { replaceEach } from '../core/text/escapeMarkdown';

/** One alert as `GET /api/v2/alerts` returns it (Alertmanager's OpenAPI `gettableAlert`). */
export interface GettableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  updatedAt?: string;
  generatorURL?: string;
  fingerprint: string;
  receivers?: Array<{ name: string }>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy?: string[]; inhibitedBy?: string[] };
}

export interface AlertmanagerOptions {
  name: string;
  /** The label that names the service (default `service`). */
  serviceLabel: string;
  services: readonly ServiceConfig[];
  /** Extra matchers added to every query, e.g. `env="prod"`. */
  matchers: string[];
  silenced: boolean;
  inhibited: boolean;
  client: HttpClient;
}

/**
 * Firing alerts from Alertmanager's v2 API, narrowed on the server to the
 * workspace's services with `filter` matchers (one query per service, since
 * repeated `filter`s are ANDed). Alerts are a snapshot: each poll replaces the last.
 */
export class AlertmanagerSource implements Source {
  readonly type = 'alertmanager';
  readonly name: string;

  constructor(private readonly options: AlertmanagerOptions) {
    this.name = options.name;
  }

  static fromConfig(config: SourceConfig, services: readonly ServiceConfig[], credentials: CredentialProvider | undefined): AlertmanagerSource {
    requiredString(config, 'url', 'the Alertmanager base URL, e.g. http://alertmanager:9093');
    const client = httpClientFor(config, { auth: 'bearer' }, credentials);
    return new AlertmanagerSource({
      name: config.name,
      serviceLabel: optionalString(config, 'serviceLabel') ?? 'service',
      services,
      matchers: optionalStringList(config, 'filter'),
      silenced: optionalBoolean(config, 'silenced', false),
      inhibited: optionalBoolean(config, 'inhibited', false),
      client,
    });
  }

  async poll(_window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    const serviceMatchers = this.options.services.map((s) => `${this.options.serviceLabel}="${escapeMatcherValue(s.name)}"`);
    const queries = serviceMatchers.length > 0 ? serviceMatchers.map((m) => [m, ...this.options.matchers]) : [this.options.matchers];
    const answers = await Promise.all(queries.map((filter) => this.fetchAlerts(filter, signal)));
    const byFingerprint = new Map<string, Incident>();
    for (const alert of answers.flat()) {
      const incident = this.toIncident(alert);
      if (incident) byFingerprint.set(incident.id, incident);
    }
    return { events: [], incidents: [...byFingerprint.values()].sort((a, b) => b.startsAt - a.startsAt) };
  }

  private async fetchAlerts(filter: string[], signal: AbortSignal | undefined): Promise<GettableAlert[]> {
    const response = await this.options.client.getJson<unknown>('api/v2/alerts', {
      query: { active: true, silenced: this.options.silenced, inhibited: this.options.inhibited, filter },
      signal,
    });
    if (!Array.isArray(response.data)) throw new SourceError(this.name, `${this.options.client.origin}/api/v2/alerts did not answer with a list of alerts: is \`url\` an Alertmanager?`);
    return response.data as GettableAlert[];
  }

  /** Undefined for an entry too malformed to show (no labels or fingerprint). */
  private toIncident(alert: GettableAlert): Incident | undefined {
    if (!alert || typeof alert !== 'object' || typeof alert.fingerprint !== 'string' || !alert.labels || typeof alert.labels !== 'object') return undefined;
    const labels = stringEntries(alert.labels);
    const annotations = stringEntries(alert.annotations);
    const alertname = labels.alertname ?? 'alert';
    const summary = annotations.summary;
    const incident: Incident = {
      id: alert.fingerprint,
      source: this.name,
      title: summary ? `${alertname}: ${summary}` : alertname,
      status: alert.status?.state === 'suppressed' ? 'suppressed' : 'firing',
      startsAt: dateFrom(alert.startsAt) || 0,
      labels,
      runbookUrls: [annotations.runbook_url, annotations.runbook].filter((u): u is string => typeof u === 'string' && u.trim() !== ''),
    };
    const service = labels[this.options.serviceLabel];
    if (service) incident.service = service;
    if (annotations.description) incident.description = annotations.description;
    if (labels.severity) incident.severity = labels.severity;
    if (typeof alert.generatorURL === 'string' && /^https?:\/\//i.test(alert.generatorURL)) incident.link = alert.generatorURL;
    return incident;
  }

  health(): SourceHealth {
    const health: SourceHealth = { name: this.name, type: this.type, state: 'idle', eventsFetched: 0, skipped: 0, origin: this.options.client.origin };
    if (this.options.client.notice) health.notice = this.options.client.notice;
    return health;
  }

  dispose(): void {}
}

/** A label value inside a double-quoted matcher: backslash and quote escaped as Alertmanager's parser expects. */
export function escapeMatcherValue(value: string): string {
  return replaceEach(value, (code) => (code === 92 || code === 34 ? `\\${String.fromCharCode(code)}` : code === 10 ? '\\n' : undefined));
}
