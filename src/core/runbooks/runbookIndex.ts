import type { Group } from '../aggregate/groups';
import type { Incident } from '../events';
import type { ServiceInfo } from '../services/serviceCatalog';
import { normaliseRunbookUrl, type Runbook } from './runbook';

/**
 * Every runbook of the workspace, merged by target (the same file declared in
 * `.opslens.yaml` and by its own front matter is one runbook), answering which
 * runbooks fit an error, an incident or a service.
 */
export class RunbookIndex {
  private readonly byUrl = new Map<string, Runbook>();

  constructor(runbooks: Iterable<Runbook> = []) {
    for (const r of runbooks) this.add(r);
  }

  /** Adds or merges a runbook; one whose URL is unsafe or leaves the workspace is dropped. */
  add(runbook: Runbook): void {
    const url = normaliseRunbookUrl(runbook.url);
    if (url === undefined) return;
    const existing = this.byUrl.get(url);
    if (!existing) {
      this.byUrl.set(url, { ...runbook, url, services: [...runbook.services], alerts: [...runbook.alerts], errors: [...runbook.errors] });
      return;
    }
    addAll(existing.services, runbook.services);
    addAll(existing.alerts, runbook.alerts);
    addAll(existing.errors, runbook.errors);
  }

  all(): Runbook[] {
    return [...this.byUrl.values()];
  }

  forService(service: string | undefined): Runbook[] {
    if (service === undefined) return [];
    return this.all().filter((r) => r.services.includes(service));
  }

  /** Runbooks whose `errors` name this exception type, then the service's general runbooks. */
  forError(type: string | undefined, service: string | undefined): Runbook[] {
    const matched = type === undefined ? [] : this.all().filter((r) => inScope(r, service) && r.errors.some((e) => sameErrorType(e, type)));
    const general = this.forService(service).filter((r) => r.alerts.length === 0 && r.errors.length === 0);
    return unique([...matched, ...general]);
  }

  /** An error group's runbooks; log statements list none (runbooks answer failures, matched by exception type). */
  forGroup(group: Pick<Group, 'kind' | 'type' | 'service'>): Runbook[] {
    return group.kind === 'error' ? this.forError(group.type, group.service) : [];
  }

  /** The alert's own `runbook_url`s first, then runbooks whose `alerts` name it (by `alertname` or title). */
  forIncident(incident: Incident): Runbook[] {
    const names = [incident.labels.alertname, incident.title].filter((n): n is string => typeof n === 'string' && n !== '');
    const attached: Runbook[] = [];
    for (const raw of incident.runbookUrls) {
      const url = normaliseRunbookUrl(raw);
      if (url === undefined) continue;
      const known = this.byUrl.get(url);
      attached.push(known ?? { title: `Runbook: ${names[0] ?? incident.title}`, url, services: incident.service ? [incident.service] : [], alerts: [], errors: [] });
    }
    const matched = this.all().filter((r) => inScope(r, incident.service) && r.alerts.some((a) => names.includes(a)));
    return unique([...attached, ...matched]);
  }
}

/** Runbooks declared by the services (`.opslens.yaml` entries with their `match`, catalog links). */
export function serviceRunbooks(services: readonly ServiceInfo[]): Runbook[] {
  return services.flatMap((s) =>
    s.runbooks.map((r) => ({
      title: r.title,
      url: r.url,
      services: [s.name],
      alerts: r.match?.alert ? [r.match.alert] : [],
      errors: r.match?.error ? [r.match.error] : [],
    })),
  );
}

/**
 * `com.acme.PaymentDeclinedError` matches `PaymentDeclinedError` (and Ruby's
 * `Acme::PaymentDeclinedError`), but two different qualified names never match.
 */
export function sameErrorType(a: string, b: string): boolean {
  if (a === b) return true;
  const qualifiedA = simpleName(a) !== a;
  const qualifiedB = simpleName(b) !== b;
  if (qualifiedA && qualifiedB) return false;
  return simpleName(a) === simpleName(b);
}

function simpleName(type: string): string {
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === '.' || c === '$' || c === '\\' || c === '/') start = i + 1;
    else if (c === ':' && type[i + 1] === ':') start = i + 2;
  }
  return type.slice(start);
}

function inScope(runbook: Runbook, service: string | undefined): boolean {
  return runbook.services.length === 0 || service === undefined || runbook.services.includes(service);
}

function addAll(into: string[], values: readonly string[]): void {
  for (const v of values) if (!into.includes(v)) into.push(v);
}

function unique(runbooks: Runbook[]): Runbook[] {
  const seen = new Set<string>();
  return runbooks.filter((r) => !seen.has(r.url) && seen.add(r.url));
}
