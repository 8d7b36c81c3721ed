import type { ProbeAccess, ProbeRequest } from '../../electron/core/access/access.js';

/**
 * A ProbeAccess that counts what it is asked before passing it on: each `run` (one spawned
 * nsenter + ip/tail/lsns process) by kind and PID, and each path read, so a test can show how
 * many probe processes an event or a request costs.
 */
export class CountingAccess implements ProbeAccess {
  runs: ProbeRequest[] = [];
  links: string[] = [];

  constructor(private readonly inner: ProbeAccess) {}

  get kind() {
    return this.inner.kind;
  }

  /** Spawns of one kind since the last reset. */
  count(kind: ProbeRequest['kind']): number {
    return this.runs.filter((r) => r.kind === kind).length;
  }

  reset(): void {
    this.runs = [];
    this.links = [];
  }

  readFiles(p: string[]) {
    return this.inner.readFiles(p);
  }
  readLinks(p: string[]) {
    this.links.push(...p);
    return this.inner.readLinks(p);
  }
  stat(p: string[], follow?: boolean) {
    return this.inner.stat(p, follow);
  }
  listDir(p: string) {
    return this.inner.listDir(p);
  }
  resolve(p: string[]) {
    return this.inner.resolve(p);
  }
  run(req: ProbeRequest) {
    this.runs.push(req);
    return this.inner.run(req);
  }
  close() {
    return this.inner.close();
  }
}
