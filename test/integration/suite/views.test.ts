import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './demoWorkspace';

const VIEWS = ['opslens.incidents', 'opslens.errors', 'opslens.sources'];

suite('OpsLens views and commands (real vscode API)', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  test('the OpsLens container and its three views open', async () => {
    const commands = await vscode.commands.getCommands(true);
    // VS Code registers `<view>.focus` for every contributed view and `workbench.view.extension.<container>`.
    for (const id of ['workbench.view.extension.opslens', ...VIEWS.map((v) => `${v}.focus`)]) {
      assert.ok(commands.includes(id), `${id} is registered`);
      await vscode.commands.executeCommand(id);
    }
  });

  test('the OpsLens commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['opslens.refresh', 'opslens.openRunbook', 'opslens.showHealth', 'opslens.openConfiguration']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
