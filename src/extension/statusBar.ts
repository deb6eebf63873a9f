import * as vscode from 'vscode';
import type { StatusParams } from '../protocol';

/** The one OpsLens status bar item; its state comes only from the server's dataChanged notification. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opslens.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'OpsLens';
    this.item.command = 'opslens.showHealth';
    this.item.text = '$(pulse) OpsLens';
    this.item.tooltip = 'OpsLens: starting…';
    this.item.show();
  }

  update(status: StatusParams): void {
    const summary = `${status.incidents} incident${status.incidents === 1 ? '' : 's'} · ${status.errors.toLocaleString('en-US')} error${status.errors === 1 ? '' : 's'}`;
    if (status.warning) {
      this.item.text = `$(warning) ${summary}`;
      this.item.tooltip = `OpsLens: ${status.warning}\nClick for the health report.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(pulse) ${summary}`;
      this.item.tooltip = status.configured ? 'OpsLens: all sources healthy. Click for the health report.' : 'OpsLens: no .opslens.yaml in this workspace yet.';
      this.item.backgroundColor = undefined;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
