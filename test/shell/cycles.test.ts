import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AccessKind } from '../../shared/model/index.js';
import type { Backends } from '../../electron/core/access/select.js';
import type { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
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

/** What this process's descriptors point at, counted by kind: what a leak is made of. */
function openFds(): string[] {
  const kinds = new Map<string, number>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let what: string;
    try {
      what = readlinkSync(`/proc/self/fd/${fd}`)
        .replace(/\[\d+\]/, '')
        .replace(/^\/proc\/\d+/, '/proc/N');
    } catch {
      continue;
    }
    kinds.set(what, (kinds.get(what) ?? 0) + 1);
  }
  return [...kinds].map(([w, n]) => `${n}× ${w}`);
}

/**
 * A leak shows after a few cycles; the full hundred is the soak run (`npm run test:soak`, in CI).
 * NSINSPECT_CYCLES sets the count outright.
 */
const CYCLES = Number(process.env.NSINSPECT_CYCLES || (process.env.NSINSPECT_SOAK === '1' ? 100 : 15));

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
    it(
      access,
      async () => {
        const cycle = async () => {
          const s = await m.open({
            container: target,
            kind: 'nsenter',
            namespaces: ['mnt', 'pid', 'net'],
            unconfined: true,
            cols: 80,
            rows: 24,
            access,
          });
          m.input(s.id, 'echo up\n');
          await col.waitFor(s.id, (t) => t.includes('up'));
          await m.close(s.id);
          expect(col.ends.get(s.id)).toEqual({ reason: 'closed' });
        };
        await cycle(); // warm up: the helper, the engine's connections
        const pid = containerPid(target);
        const dockerHelper = access === 'docker-helper' ? (await backends.dockerHelper()).containerId : null;
        const hostHelper = access === 'host-helper' ? (await backends.hostShellHelper(true)).pid! : null;
        // The baseline once the warm-up shell and its kill (the docker-helper's kill script is a
        // process of the helper container too) are gone: the same counts twice, 200 ms apart.
        const counts = () =>
          `${ours().length} ${pidsInNamespaceOf(pid).length} ${dockerHelper ? processesOfContainer(dockerHelper).length : 0}`;
        await waitFor(
          'the warm-up to settle',
          async () => {
            const a = counts();
            await new Promise((r) => setTimeout(r, 200));
            return !ours().length && counts() === a;
          },
          5000,
          50,
        ).catch(() => undefined);
        const inContainer = pidsInNamespaceOf(pid).length;
        const fds = fdCount();
        const helperProcs = dockerHelper ? processesOfContainer(dockerHelper).length : 0;
        const helperFds = hostHelper ? fdCount(hostHelper) : 0;

        for (let i = 0; i < CYCLES; i++) await cycle();
        // The last shell's processes may still be on their way out on a loaded machine: wait for
        // that (bounded) rather than a fixed pause, then check.
        await waitFor(
          'the shells to be gone',
          () =>
            !ours().length &&
            pidsInNamespaceOf(pid).length === inContainer &&
            (!dockerHelper || processesOfContainer(dockerHelper).length <= helperProcs),
          5000,
          50,
        ).catch(() => undefined);

        expect(ours()).toEqual([]);
        expect(pidsInNamespaceOf(pid).length).toBe(inContainer);
        // Sockets to the engine are pooled; a couple may be open or closed at any moment.
        expect(fdCount(), `open now: ${openFds().join(', ')}`).toBeLessThanOrEqual(fds + 2);
        if (dockerHelper) expect(processesOfContainer(dockerHelper).length).toBeLessThanOrEqual(helperProcs);
        if (hostHelper) expect(fdCount(hostHelper)).toBeLessThanOrEqual(helperFds);
      },
      180_000,
    );
  }
});
