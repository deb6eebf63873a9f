import type { ServiceConfig, SourceConfig } from '../core/config/opslensConfig';
import { AlertmanagerSource } from './alertmanagerSource';
import { ElasticsearchSource } from './elasticsearchSource';
import { FileSource } from './fileSource';
import { LokiSource } from './lokiSource';
import { PagerDutySource } from './pagerdutySource';
import { SentrySource } from './sentrySource';
import type { CredentialProvider } from './http/credentials';
import { SourceError, type Source } from './source';

export interface SourceContext {
  /** Workspace folder the config belongs to. */
  root: string;
  /** The workspace's services (names, PagerDuty ids…): remote queries are narrowed to them. */
  services?: readonly ServiceConfig[];
  /** Where remote sources get their credentials (SecretStorage via the client, or the environment). */
  credentials?: CredentialProvider;
  /** A source that can tell new data arrived (a watched log file) calls this to ask for a poll now. */
  onChange?: (source: string) => void;
}

/** Builds the source a config entry describes; throws SourceError for a type not built yet. */
export function createSource(config: SourceConfig, context: SourceContext): Source {
  switch (config.type) {
    case 'file':
      return new FileSource({ name: config.name, path: String(config.path), root: context.root, onChange: context.onChange && (() => context.onChange?.(config.name)) });
    case 'alertmanager':
      return AlertmanagerSource.fromConfig(config, context.services ?? [], context.credentials);
    case 'pagerduty':
      return PagerDutySource.fromConfig(config, context.services ?? [], context.credentials);
    case 'elasticsearch':
    case 'opensearch':
      return ElasticsearchSource.fromConfig(config, context.services ?? [], context.credentials);
    case 'loki':
      return LokiSource.fromConfig(config, context.services ?? [], context.credentials);
    case 'sentry':
      return SentrySource.fromConfig(config, context.services ?? [], context.credentials);
    default:
      throw new SourceError(config.name, `source type "${config.type}" is not supported yet`);
  }
}
