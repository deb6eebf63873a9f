import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type OpsLensSettings } from '../settings';

/**
 * The `opslens.*` settings per workspace folder, asked of the client through
 * `workspace/configuration` (so folder settings apply) and cached until
 * `didChangeConfiguration`. Editors without the request get the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<OpsLensSettings>>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  /** Set from the client's capabilities at initialize. */
  enable(supported: boolean): void {
    this.supported = supported;
  }

  forFolder(folderUri: string): Promise<OpsLensSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(folderUri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: folderUri, section: SETTINGS_SECTION })
        .then(readSettings, () => DEFAULT_SETTINGS);
      this.cache.set(folderUri, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }
}
