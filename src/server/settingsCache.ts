import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type OpsLensSettings } from '../settings';

/**
 * The `opslens.*` settings per workspace folder, asked of the client through
 * `workspace/configuration` (so folder settings apply) and cached until
 * `didChangeConfiguration`. Editors without the request (Neovim 0.7, which answers it
 * but does not say so) get what they passed as `initializationOptions.opslens` or
 * pushed in `didChangeConfiguration`'s `settings.opslens`, over the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<OpsLensSettings>>();
  private supported = false;
  private pushed: OpsLensSettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection) {}

  /** Set from the client's capabilities and initialization options at initialize. */
  enable(supported: boolean, initializationOptions?: unknown): void {
    this.supported = supported;
    this.push(initializationOptions);
  }

  forFolder(folderUri: string): Promise<OpsLensSettings> {
    if (!this.supported) return Promise.resolve(this.pushed);
    let settings = this.cache.get(folderUri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: folderUri, section: SETTINGS_SECTION })
        .then(readSettings, () => this.pushed);
      this.cache.set(folderUri, settings);
    }
    return settings;
  }

  /** Forgets what the client answered; `settings` is what a push-model client sent with the change, if anything. */
  clear(settings?: unknown): void {
    this.cache.clear();
    this.push(settings);
  }

  /** Settings an editor sends itself, as `{ opslens: { … } }` (the section, like workspace/configuration). */
  private push(settings: unknown): void {
    const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    if (section && typeof section === 'object') this.pushed = readSettings(section);
  }
}
