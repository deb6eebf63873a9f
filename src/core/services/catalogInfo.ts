import { LineCounter, parseAllDocuments, isMap, isScalar, type Document } from 'yaml';
import { ConfigError } from '../config/opslensConfig';

/** A link of a Backstage entity (`metadata.links`). */
export interface CatalogLink {
  url: string;
  title?: string;
  type?: string;
}

/** The parts of a Backstage `kind: Component` entity that OpsLens uses. */
export interface CatalogComponent {
  name: string;
  annotations: Record<string, string>;
  links: CatalogLink[];
}

export interface CatalogParseResult {
  components: CatalogComponent[];
  /** Problems in single documents: the other documents of the file still count. */
  problems: ConfigError[];
}

/**
 * Reads a Backstage `catalog-info.yaml` (one or more YAML documents). Entities of
 * other kinds (API, System, Group…) are skipped; a broken document is reported
 * with its line and skipped, never fatal for the rest of the file.
 */
export function parseCatalogInfo(text: string, file = 'catalog-info.yaml'): CatalogParseResult {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const out: CatalogParseResult = { components: [], problems: [] };
  const at = (offset: number, problem: string): ConfigError => {
    const pos = lineCounter.linePos(offset);
    return new ConfigError(file, pos.line, pos.col, problem);
  };
  for (const doc of documents) {
    const problem = doc.errors[0];
    if (problem) {
      out.problems.push(at(problem.pos[0], problem.message.split('\n')[0] ?? 'invalid YAML'));
      continue;
    }
    const component = readComponent(doc, at);
    if (component instanceof ConfigError) out.problems.push(component);
    else if (component) out.components.push(component);
  }
  return out;
}

function readComponent(doc: Document, at: (offset: number, problem: string) => ConfigError): CatalogComponent | ConfigError | undefined {
  const start = doc.contents?.range?.[0] ?? 0;
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return undefined;
  if (!isMap(doc.contents)) return at(start, 'a catalog entity must be a mapping with apiVersion, kind and metadata');
  const entity = doc.toJSON() as Record<string, unknown>;
  if (entity.kind !== 'Component') return undefined;
  const metadata = entity.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object' || typeof metadata.name !== 'string' || metadata.name === '') {
    return at(start, 'a Component needs `metadata.name`');
  }
  return { name: metadata.name, annotations: readAnnotations(metadata.annotations), links: readLinks(metadata.links) };
}

function readAnnotations(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
  }
  return out;
}

function readLinks(value: unknown): CatalogLink[] {
  if (!Array.isArray(value)) return [];
  const out: CatalogLink[] = [];
  for (const item of value as unknown[]) {
    const link = item as Record<string, unknown> | null;
    if (!link || typeof link.url !== 'string' || link.url === '') continue;
    const entry: CatalogLink = { url: link.url };
    if (typeof link.title === 'string') entry.title = link.title;
    if (typeof link.type === 'string') entry.type = link.type;
    out.push(entry);
  }
  return out;
}

/** Backstage has no runbook link type of its own: a link whose title or type says "runbook" is one. */
export function isRunbookLink(link: CatalogLink): boolean {
  return /runbook/i.test(link.type ?? '') || /runbook/i.test(link.title ?? '');
}
