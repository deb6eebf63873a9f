import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { GroupInfo } from '../../protocol';

/** The Errors view: the workspace's top error groups and busiest log statements; a click opens the line. */
export class ErrorsView implements vscode.TreeDataProvider<GroupInfo> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: () => OpsLensServer | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: GroupInfo): Promise<GroupInfo[]> {
    const server = this.server();
    if (element || !server) return [];
    return server.groups({ limit: 200 });
  }

  /** The view is flat; reveal() needs this to exist. */
  getParent(): undefined {
    return undefined;
  }

  getTreeItem(group: GroupInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.None);
    const file = vscode.Uri.parse(group.uri);
    item.id = group.fingerprint;
    item.description = `${group.count.toLocaleString('en-US')}× · ${vscode.workspace.asRelativePath(file)}:${group.line + 1}`;
    item.iconPath = new vscode.ThemeIcon(group.kind === 'error' ? 'error' : 'output');
    item.tooltip = `${group.title}\n${group.count}× · last seen ${new Date(group.lastSeen).toLocaleString()}${group.service ? `\nservice: ${group.service}` : ''}${group.changedSince ? '\ncode changed since: possibly fixed' : ''}`;
    item.contextValue = group.kind;
    item.command = { title: 'Open', command: 'opslens.openLocation', arguments: [group.uri, group.line] };
    return item;
  }
}
