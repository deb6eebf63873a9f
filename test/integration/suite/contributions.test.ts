import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../src/settings';
import { EXTENSION_ID } from './demoWorkspace';

interface Contributes {
  commands: { command: string }[];
  configuration: { properties: Record<string, { default?: unknown }> };
  walkthroughs: { steps: { media: { markdown?: string }; completionEvents?: string[] }[] }[];
}

/** package.json says what exists: every contributed command is registered, every setting is read, every walkthrough medium is shipped. */
suite('OpsLens package.json contributions are true to the code', () => {
  let extension: vscode.Extension<unknown>;
  let contributes: Contributes;

  suiteSetup(async () => {
    extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    contributes = (extension.packageJSON as { contributes: Contributes }).contributes;
  });

  test('every contributed command is registered by the extension', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  test('the settings in package.json are exactly those the typed settings module reads, with the same defaults', () => {
    const contributed = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual(contributed, SETTING_KEYS.map((k) => `opslens.${k}`).sort());
    const config = vscode.workspace.getConfiguration('opslens');
    const defaults: Record<string, unknown> = {
      pollInterval: DEFAULT_SETTINGS.pollInterval,
      'diagnostics.enabled': DEFAULT_SETTINGS.diagnosticsEnabled,
      'diagnostics.severity': DEFAULT_SETTINGS.diagnosticsSeverity,
      'inlineAnnotations.enabled': DEFAULT_SETTINGS.inlineAnnotationsEnabled,
      'inlineAnnotations.minimumLevel': DEFAULT_SETTINGS.inlineAnnotationsMinimumLevel,
      'codeLens.enabled': DEFAULT_SETTINGS.codeLensEnabled,
      minimumCount: DEFAULT_SETTINGS.minimumCount,
    };
    for (const key of SETTING_KEYS) assert.equal(config.inspect(key)?.defaultValue, defaults[key], key);
  });

  test('the walkthrough media exist and each step completes on an event', () => {
    const steps = contributes.walkthroughs.flatMap((w) => w.steps);
    assert.ok(steps.length >= 3);
    for (const step of steps) {
      assert.ok(step.media.markdown && existsSync(path.join(extension.extensionPath, step.media.markdown)), step.media.markdown);
      assert.ok((step.completionEvents ?? []).length > 0);
    }
  });
});
