/**
 * 年度报告（机关与年度）: a view in the Explorer listing the workspace's reports by issuing body, then
 * year, then file, with each report's problem count and the report of the year before it is checked
 * against. The data is the server's (xxgk/workspaceReports), refreshed when it says the workspace
 * changed; clicking a file opens it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_CHANGED_NOTIFICATION, WORKSPACE_REPORTS_REQUEST, type WorkspaceReport } from '../../server/src/features/protocol';

type Node =
  | { kind: 'body'; label: string; reports: WorkspaceReport[] }
  | { kind: 'year'; year: number | null; reports: WorkspaceReport[] }
  | { kind: 'file'; report: WorkspaceReport }
  | { kind: 'previous'; report: WorkspaceReport };

const nameOf = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
const problemsOf = (r: WorkspaceReport) => r.errors + r.warnings + r.others;

function problemText(n: number): string {
  if (n === 1) return vscode.l10n.t('1 problem');
  return n ? vscode.l10n.t('{0} problems', n) : vscode.l10n.t('no problems');
}

export class ReportsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly ID = 'xxgk.reports';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private reports: Promise<WorkspaceReport[]> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [this.changed, vscode.window.registerTreeDataProvider(ReportsView.ID, this)];
    client.onNotification(WORKSPACE_CHANGED_NOTIFICATION, () => this.refreshSoon());
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }

  /** Changes come in bursts (a folder read, typing): the view is redrawn once after them. */
  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reports = null;
      this.changed.fire();
    }, 300);
  }

  private all(): Promise<WorkspaceReport[]> {
    // Nothing to list while the server is starting or restarting: the next change notification redraws.
    this.reports ??= this.client.sendRequest<WorkspaceReport[]>(WORKSPACE_REPORTS_REQUEST, null).then(
      (reports) => reports,
      () => [],
    );
    return this.reports;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const bodies = new Map<string, WorkspaceReport[]>();
      for (const r of await this.all()) {
        const key = r.bodyKey ?? '';
        bodies.set(key, [...(bodies.get(key) ?? []), r]);
      }
      return [...bodies.entries()]
        .map(([key, reports]): Node => ({ kind: 'body', label: key ? reports[0].body! : vscode.l10n.t('(body not named)'), reports }))
        .sort((a, b) => (a as { label: string }).label.localeCompare((b as { label: string }).label, 'zh'));
    }
    if (node.kind === 'body') {
      const years = new Map<number | null, WorkspaceReport[]>();
      for (const r of node.reports) years.set(r.year, [...(years.get(r.year) ?? []), r]);
      return [...years.entries()].sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0)).map(([year, reports]) => ({ kind: 'year', year, reports }));
    }
    if (node.kind === 'year') return node.reports.map((report) => ({ kind: 'file', report }));
    if (node.kind === 'file' && node.report.previous) return [{ kind: 'previous', report: node.report }];
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'body': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.l10n.t('{0} reports', node.reports.length);
        item.iconPath = new vscode.ThemeIcon('organization');
        return item;
      }
      case 'year': {
        const label = node.year === null ? vscode.l10n.t('year unknown') : vscode.l10n.t('{0} report', node.year);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = problemText(node.reports.reduce((n, r) => n + problemsOf(r), 0));
        item.iconPath = new vscode.ThemeIcon('calendar');
        return item;
      }
      case 'file': {
        const r = node.report;
        const item = new vscode.TreeItem(
          nameOf(r.uri),
          r.previous ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        const uri = vscode.Uri.parse(r.uri);
        item.resourceUri = uri;
        item.description = problemText(problemsOf(r));
        item.tooltip = [
          vscode.l10n.t('{0} errors, {1} warnings, {2} other problems', r.errors, r.warnings, r.others),
          r.format ? vscode.l10n.t('{0} format', r.format) : '',
        ]
          .filter(Boolean)
          .join('\n');
        item.iconPath = r.errors
          ? new vscode.ThemeIcon('error')
          : r.warnings
            ? new vscode.ThemeIcon('warning')
            : new vscode.ThemeIcon('pass');
        item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri] };
        return item;
      }
      case 'previous': {
        const r = node.report;
        const item = new vscode.TreeItem(vscode.l10n.t('checked against {0}', nameOf(r.previous!)));
        item.description = r.crossYear ? vscode.l10n.t('{0} across years', r.crossYear) : vscode.l10n.t('consistent across years');
        item.iconPath = new vscode.ThemeIcon('arrow-swap');
        item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [vscode.Uri.parse(r.previous!)] };
        return item;
      }
    }
  }
}
