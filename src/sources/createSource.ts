import type { SourceConfig } from '../core/config/opslensConfig';
import { FileSource } from './fileSource';
import { SourceError, type Source } from './source';

export interface SourceContext {
  /** Workspace folder the config belongs to. */
  root: string;
}

/** Builds the source a config entry describes; throws SourceError for a type not built yet. */
export function createSource(config: SourceConfig, context: SourceContext): Source {
  switch (config.type) {
    case 'file':
      return new FileSource({ name: config.name, path: String(config.path), root: context.root });
    default:
      throw new SourceError(config.name, `source type "${config.type}" is not supported yet`);
  }
}
