import { posix } from 'node:path';
import type { RunbookConfig, ServiceConfig } from '../config/opslensConfig';
import { isRunbookLink, type CatalogComponent } from './catalogInfo';

/** A service as OpsLens knows it: `.opslens.yaml` and Backstage catalog entries merged by name. */
export interface ServiceInfo extends ServiceConfig {
  /** Where it is declared: `.opslens.yaml` and/or workspace-relative catalog file paths. */
  declaredIn: string[];
  /** Backstage `metadata.annotations` (`sentry.io/project-slug`, `grafana/…`, …). */
  annotations: Record<string, string>;
  /** `sentry.io/project-slug` of the catalog entry. */
  sentryProject?: string;
}

/** The components of one `catalog-info.yaml`, at its workspace-relative path. */
export interface CatalogFile {
  path: string;
  components: CatalogComponent[];
}

export const CONFIG_DECLARATION = '.opslens.yaml';
const PAGERDUTY_ANNOTATION = 'pagerduty.com/service-id';
const SENTRY_ANNOTATION = 'sentry.io/project-slug';

/**
 * The workspace's services and which one owns each file: the nearest
 * `catalog-info.yaml` or configured `root` above a file decides.
 */
export class ServiceCatalog {
  private readonly byName = new Map<string, ServiceInfo>();
  /** Folder ('' = workspace root) → the service declared there; the first declaration wins. */
  private readonly owners = new Map<string, ServiceInfo>();

  constructor(configServices: readonly ServiceConfig[] = [], catalogFiles: readonly CatalogFile[] = []) {
    const explicitRoots = new Set<ServiceInfo>();
    for (const s of configServices) {
      if (this.byName.has(s.name)) continue;
      const info: ServiceInfo = { ...s, pathMappings: [...s.pathMappings], runbooks: [...s.runbooks], declaredIn: [CONFIG_DECLARATION], annotations: {} };
      this.byName.set(s.name, info);
      if (s.root !== '') {
        explicitRoots.add(info);
        this.declareOwner(s.root, info);
      }
    }
    const sorted = [...catalogFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const file of sorted) for (const component of file.components) this.addComponent(file.path, component, explicitRoots);
    // A configured service without a root (and no catalog file giving one) covers the whole workspace.
    for (const info of this.byName.values()) if (info.root === '' && !explicitRoots.has(info)) this.declareOwner('', info);
  }

  services(): ServiceInfo[] {
    return [...this.byName.values()];
  }

  get(name: string | undefined): ServiceInfo | undefined {
    return name === undefined ? undefined : this.byName.get(name);
  }

  /** The service owning a workspace-relative file: the nearest declaration in its folder or above. */
  serviceForFile(relativePath: string): ServiceInfo | undefined {
    let folder = posix.dirname(relativePath);
    for (;;) {
      const key = folder === '.' || folder === '/' ? '' : folder;
      const owner = this.owners.get(key);
      if (owner) return owner;
      if (key === '') return undefined;
      folder = posix.dirname(folder);
    }
  }

  private addComponent(catalogPath: string, component: CatalogComponent, explicitRoots: Set<ServiceInfo>): void {
    const folder = folderOf(catalogPath);
    let info = this.byName.get(component.name);
    if (!info) {
      info = { name: component.name, root: folder, pathMappings: [], runbooks: [], declaredIn: [], annotations: {} };
      this.byName.set(component.name, info);
    } else if (!explicitRoots.has(info) && info.declaredIn.length === 1 && info.declaredIn[0] === CONFIG_DECLARATION) {
      info.root = folder; // the config named the service but not its folder: the catalog file says where it lives
    }
    info.declaredIn.push(catalogPath);
    // .opslens.yaml is the more specific, per-repo statement: its values win over the catalog's
    info.annotations = { ...component.annotations, ...info.annotations };
    const pagerduty = component.annotations[PAGERDUTY_ANNOTATION];
    if (info.pagerduty === undefined && pagerduty) info.pagerduty = pagerduty;
    const sentry = component.annotations[SENTRY_ANNOTATION];
    if (info.sentryProject === undefined && sentry) info.sentryProject = sentry;
    for (const link of component.links) {
      if (!isRunbookLink(link)) continue;
      const runbook: RunbookConfig = { title: link.title ?? 'Runbook', url: resolveLinkUrl(link.url, folder) };
      if (!info.runbooks.some((r) => r.url === runbook.url)) info.runbooks.push(runbook);
    }
    this.declareOwner(folder, info);
  }

  private declareOwner(folder: string, info: ServiceInfo): void {
    if (!this.owners.has(folder)) this.owners.set(folder, info);
  }
}

function folderOf(relativePath: string): string {
  const dir = posix.dirname(relativePath);
  return dir === '.' ? '' : dir;
}

/** Catalog links are usually absolute URLs; a relative one is a repo path next to the catalog file. */
function resolveLinkUrl(url: string, folder: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const joined = posix.normalize(posix.join(folder, url));
  return joined.startsWith('/') ? joined.slice(1) : joined;
}
