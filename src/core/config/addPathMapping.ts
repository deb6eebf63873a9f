import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';

export class PathMappingEditError extends Error {
  constructor(readonly reason: 'invalidYaml' | 'noServices' | 'noSuchService', message: string) {
    super(message);
    this.name = 'PathMappingEditError';
  }
}

/**
 * `.opslens.yaml` with `{ from, to }` added to a service's `pathMappings`, as a
 * flow mapping like the documented examples. Edited through the `yaml` Document
 * API so comments and the rest of the layout stay as the user wrote them. A mapping
 * already present is not added twice.
 */
export function addPathMapping(yamlText: string, service: string, from: string, to: string): string {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) throw new PathMappingEditError('invalidYaml', `.opslens.yaml does not parse: ${doc.errors[0]!.message}`);
  const services = doc.get('services', true);
  if (!isSeq(services)) throw new PathMappingEditError('noServices', '.opslens.yaml has no `services:` list to add a path mapping to');
  const entry = services.items.find((item) => isMap(item) && item.get('name') === service);
  if (!isMap(entry)) throw new PathMappingEditError('noSuchService', `.opslens.yaml has no service named ${service}`);
  const existing: unknown = entry.get('pathMappings', true);
  let list: YAMLSeq;
  if (isSeq(existing)) list = existing;
  else {
    list = new YAMLSeq();
    entry.set('pathMappings', list);
  }
  if (list.items.some((m) => isMap(m) && m.get('from') === from && m.get('to') === to)) return yamlText;
  const mapping = new YAMLMap();
  mapping.flow = true;
  mapping.set('from', from);
  mapping.set('to', to);
  list.items.push(mapping);
  return doc.toString();
}

/** The service a mapping to `to` belongs to: the one whose root holds it (the deepest), else the only one. */
export function serviceForFolder(services: readonly { name: string; root: string }[], to: string): string | undefined {
  const holding = services
    .filter((s) => s.root === '' || s.root === '.' || to === `${s.root}/` || to.startsWith(`${s.root.replace(/\/$/, '')}/`))
    .sort((a, b) => b.root.length - a.root.length);
  return holding[0]?.name ?? (services.length === 1 ? services[0]!.name : undefined);
}
