import type { Annotation } from '../annotations';
import type { Incident } from '../events';
import { isRepoPath, runbookRef, type Runbook } from '../runbooks/runbook';
import type { ServiceContext } from '../services/serviceContext';
import { CONFIG_DECLARATION } from '../services/serviceCatalog';

/** Incidents still open: firing alerts and triggered or acknowledged incidents (not silenced ones). */
export function isOpen(incident: Incident): boolean {
  return incident.status !== 'suppressed';
}

export interface IncidentPlacement {
  annotations: Annotation[];
  /** Open incidents with no file to stand on (no repo runbook, no service declared in a file here). */
  unplaced: Incident[];
}

export interface IncidentPlacementOptions {
  /** Is this workspace-relative path a file of the scanned folder? */
  exists: (relativePath: string) => boolean;
  /** Workspace-relative path of the `.opslens.yaml` in use, when it lies inside the folder. */
  configFile?: string;
  now: number;
}

/**
 * Places each open incident on a file so `opslens scan` can show it: its first
 * runbook kept in the repository, else the catalog file declaring its service,
 * else the `.opslens.yaml` declaring it (line 1 in each case). An incident none of
 * these exists for is returned as unplaced.
 */
export function incidentAnnotations(incidents: readonly Incident[], context: ServiceContext, options: IncidentPlacementOptions): IncidentPlacement {
  const out: IncidentPlacement = { annotations: [], unplaced: [] };
  for (const incident of incidents) {
    if (!isOpen(incident)) continue;
    const runbooks = context.runbooks.forIncident(incident);
    const file = placeIncident(incident, runbooks, context, options);
    if (file === undefined) {
      out.unplaced.push(incident);
      continue;
    }
    out.annotations.push({
      file,
      line: 1,
      kind: 'incident',
      service: incident.service ?? null,
      title: incident.severity ? `${incident.title} (${incident.severity})` : incident.title,
      count: 1,
      firstSeen: new Date(incident.startsAt).toISOString(),
      lastSeen: new Date(options.now).toISOString(),
      fingerprint: `${incident.source}:${incident.id}`,
      runbooks: runbooks.map(runbookRef),
      changedSince: false,
    });
  }
  return out;
}

function placeIncident(incident: Incident, runbooks: Runbook[], context: ServiceContext, options: IncidentPlacementOptions): string | undefined {
  const local = runbooks.find((r) => isRepoPath(r.url) && options.exists(r.url));
  if (local) return local.url;
  const service = context.catalog.get(incident.service);
  if (!service) return undefined;
  const catalogFile = service.declaredIn.find((f) => f !== CONFIG_DECLARATION && options.exists(f));
  if (catalogFile) return catalogFile;
  if (service.declaredIn.includes(CONFIG_DECLARATION) && options.configFile && options.exists(options.configFile)) return options.configFile;
  return undefined;
}
