import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol';

/**
 * The one OpsLens status bar item: incidents and errors of the current file's
 * service (the workspace's when the file has none), and a warning with the reason
 * when a source fails or its data is stale. Click: the health report.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opslens.status', vscode.StatusBarAlignment.Left, 10);
  private last: StatusParams | undefined;

  constructor() {
    this.item.name = 'OpsLens';
    this.item.command = 'opslens.showHealth';
    this.item.text = '$(pulse) OpsLens';
    this.item.tooltip = 'OpsLens: starting…';
    this.item.show();
  }

  /** The last state shown (tests read it rather than the DOM). */
  get current(): { text: string; tooltip: string; warning: boolean } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), warning: this.item.backgroundColor !== undefined };
  }

  update(status: StatusParams): void {
    this.last = status;
    const scope = status.service ? `${status.service}: ` : '';
    const summary = `${scope}${status.incidents} incident${status.incidents === 1 ? '' : 's'} · ${status.errors.toLocaleString('en-US')} error${status.errors === 1 ? '' : 's'}`;
    const forWhat = status.service ? `service ${status.service} (this file's)` : 'this workspace';
    if (status.warning) {
      this.item.text = `$(warning) ${summary}`;
      this.item.tooltip = `OpsLens, ${forWhat}: ${status.warning}\nClick for the health report.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(pulse) ${summary}`;
      this.item.tooltip = status.configured ? `OpsLens, ${forWhat}: all sources healthy. Click for the health report.` : 'OpsLens: no .opslens.yaml in this workspace yet.';
      this.item.backgroundColor = undefined;
    }
  }

  get lastStatus(): StatusParams | undefined {
    return this.last;
  }

  dispose(): void {
    this.item.dispose();
  }
}
