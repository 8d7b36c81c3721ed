import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AccessKind } from '../../shared/model/index.js';
import type { Backends } from '../../electron/core/access/select.js';
import type { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE } from '../support/fixtures.js';
import { containerPid, docker, tryRun } from '../support/sh.js';
import { Collector, descendants, fdCount, OWN_LABEL, pidsInNamespaceOf, startShellRig, type ShellRig } from './rig.js';

/** Processes whose cgroup names a container (the docker-helper's own execs). */
function processesOfContainer(id: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/cgroup`, 'utf8').includes(id)) out.push(Number(p));
    } catch {
      /* exited */
    }
  }
  return out;
}

const CYCLES = 100;

describeWithEngine(`${CYCLES} open/close cycles leave no process or file descriptor behind`, () => {
  let rig: ShellRig;
  let m: ShellManager;
  let col: Collector;
  let backends: Backends;
  // A container of its own: other test files (and other developers' runs) use the shared fixtures.
  const target = `nsi-cyc-${process.pid}`;
  /** Shells and nsenters this process started (directly, or through the host helper). */
  const ours = () => descendants(process.pid).filter((p) => /^(nsenter|script|sh|ash|bash|dash)$/.test(p.comm));

  beforeAll(async () => {
    rig = await startShellRig();
    ({ m, col, backends } = rig);
    docker('run', '-d', '--name', target, '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
  });
  afterAll(async () => {
    await rig?.stop();
    tryRun(['docker', 'rm', '-f', target]);
  });

  for (const access of ['direct', 'docker-helper', 'host-helper'] as AccessKind[]) {
    it(access, async () => {
      const cycle = async () => {
        const s = await m.open({ container: target, kind: 'nsenter', namespaces: ['mnt', 'pid', 'net'], cols: 80, rows: 24, access });
        m.input(s.id, 'echo up\n');
        await col.waitFor(s.id, (t) => t.includes('up'));
        await m.close(s.id);
        expect(col.ends.get(s.id)).toEqual({ reason: 'closed' });
      };
      await cycle(); // warm up: the helper, the engine's connections
      await new Promise((r) => setTimeout(r, 300));
      const pid = containerPid(target);
      const inContainer = pidsInNamespaceOf(pid).length;
      const fds = fdCount();
      const dockerHelper = access === 'docker-helper' ? (await backends.dockerHelper()).containerId : null;
      const hostHelper = access === 'host-helper' ? (await backends.hostShellHelper(true)).pid! : null;
      const helperProcs = dockerHelper ? processesOfContainer(dockerHelper).length : 0;
      const helperFds = hostHelper ? fdCount(hostHelper) : 0;

      for (let i = 0; i < CYCLES; i++) await cycle();
      await new Promise((r) => setTimeout(r, 500));

      expect(ours()).toEqual([]);
      expect(pidsInNamespaceOf(pid).length).toBe(inContainer);
      // Sockets to the engine are pooled; a couple may be open or closed at any moment.
      expect(fdCount()).toBeLessThanOrEqual(fds + 2);
      if (dockerHelper) expect(processesOfContainer(dockerHelper).length).toBe(helperProcs);
      if (hostHelper) expect(fdCount(hostHelper)).toBeLessThanOrEqual(helperFds);
    }, 180_000);
  }
});
