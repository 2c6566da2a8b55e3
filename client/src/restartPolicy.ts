/**
 * When the language server dies the client restarts it, a bounded number of times: at most
 * `maxRestarts` within `windowMs`. The user is told once that it was restarted, and once if it is
 * given up; never a message per crash, never a restart loop. No vscode import, so it is unit-tested.
 */
export type CloseDecision = { restart: true; notify: 'restarted' | null } | { restart: false; notify: 'gaveUp' | null };

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private toldRestarted = false;
  private gaveUp = false;

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** What to do now that the connection closed unexpectedly. */
  closed(): CloseDecision {
    if (this.gaveUp) return { restart: false, notify: null };
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0] > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      this.gaveUp = true;
      return { restart: false, notify: 'gaveUp' };
    }
    const notify = this.toldRestarted ? null : 'restarted';
    this.toldRestarted = true;
    return { restart: true, notify };
  }
}
