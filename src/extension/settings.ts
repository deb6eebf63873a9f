import * as vscode from 'vscode';
import { readSettings, SETTING_KEYS, SETTINGS_SECTION, type OpsLensSettings } from '../settings';

/** The `opslens.*` settings for a resource (a document or folder), validated by the shared reader. */
export function clientSettings(scope?: vscode.ConfigurationScope): OpsLensSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return readSettings(Object.fromEntries(SETTING_KEYS.map((key) => [key, config.get(key)])));
}

/** Whether a configuration change touches one of the given `opslens.` keys. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: (typeof SETTING_KEYS)[number][]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}
