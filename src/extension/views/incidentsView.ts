import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import type { IncidentInfo, RunbookInfo } from '../../protocol';

type Node = { kind: 'service'; service: string; incidents: IncidentInfo[] } | { kind: 'incident'; incident: IncidentInfo } | { kind: 'runbook'; runbook: RunbookInfo };

/** The Incidents view: firing alerts and open incidents grouped by service, each with its runbooks. */
export class IncidentsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: () => OpsLensServer | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: Node): Promise<Node[]> {
    if (!element) {
      const server = this.server();
      if (!server) return [];
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const incidents = await server.incidents(uri ? { uri } : {});
      const byService = new Map<string, IncidentInfo[]>();
      for (const incident of incidents) {
        const key = incident.service ?? '(no service)';
        byService.set(key, [...(byService.get(key) ?? []), incident]);
      }
      return [...byService].map(([service, list]) => ({ kind: 'service', service, incidents: list }));
    }
    if (element.kind === 'service') return element.incidents.map((incident) => ({ kind: 'incident', incident }));
    if (element.kind === 'incident') return element.incident.runbooks.map((runbook) => ({ kind: 'runbook', runbook }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'service') {
      const item = new vscode.TreeItem(node.service, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.incidents.length} firing`;
      item.iconPath = new vscode.ThemeIcon('server-process');
      return item;
    }
    if (node.kind === 'incident') {
      const { incident } = node;
      const item = new vscode.TreeItem(incident.title, incident.runbooks.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.description = `${incident.status} · since ${new Date(incident.startsAt).toLocaleString()} · ${incident.source}`;
      item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = incident.link ? 'incident.linked' : 'incident';
      return item;
    }
    const item = new vscode.TreeItem(node.runbook.title, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('book');
    item.command = { title: 'Open Runbook', command: 'opslens.openRunbookTarget', arguments: [node.runbook.target] };
    return item;
  }
}
