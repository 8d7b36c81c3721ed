import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHELL_PRESETS } from '../../shared/api/shell.js';
import { NS_TYPES, type AccessKind } from '../../shared/model/index.js';
import { NsInspectError } from '../../electron/core/errors.js';
import type { ShellManager } from '../../electron/core/shell/manager.js';
import { DEFAULT_FLOW } from '../../electron/core/shell/session.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { containerPid, docker, nsInode, tryRun } from '../support/sh.js';
import { Collector, OWN_LABEL, parseNsLines, startShellRig, type ShellRig } from './rig.js';

const BACKENDS: AccessKind[] = ['direct', 'docker-helper', 'host-helper'];
const READ_NS = ['sh', '-c', `for t in ${NS_TYPES.join(' ')}; do readlink /proc/self/ns/$t; done`];
const host = (t: string) => nsInode(2, t);

describeWithEngine('namespace shells on every backend', () => {
  let rig: ShellRig;
  let m: ShellManager;
  let col: Collector;
  const stopName = `nsi-sh-stop-${process.pid}`;

  beforeAll(async () => {
    rig = await startShellRig();
    ({ m, col } = rig);
  });
  afterEach(async () => {
    await m.closeAll();
  });
  afterAll(async () => {
    await rig?.stop();
    tryRun(['docker', 'rm', '-f', stopName]);
  });

  for (const access of BACKENDS) {
    describe(access, () => {
      for (const [preset, { namespaces }] of Object.entries(SHELL_PRESETS)) {
        it(`preset ${preset}: enters exactly ${namespaces.join(',')}, the rest stay the host's`, async () => {
          const pid = containerPid(FIXTURES.a);
          const s = await m.open({ container: FIXTURES.a, kind: 'nsenter', namespaces, command: READ_NS, cols: 80, rows: 24, access });
          expect(s.access).toBe(access);
          expect(s.container.pid).toBe(pid);
          const end = await col.end(s.id);
          expect(end).toEqual({ reason: 'exited', code: 0, signal: null });
          const got = parseNsLines(col.text.get(s.id)!);
          for (const t of NS_TYPES) {
            const want = namespaces.includes(t) ? nsInode(pid, t) : host(t);
            expect(got[t], `${t} inside the shell`).toBe(want);
          }
          // What the session says it entered: the asked ones the container does not share with the host.
          expect(s.namespaces).toEqual(namespaces.filter((t) => nsInode(pid, t) !== host(t)).sort());
        });
      }

      it("net only: the host's tools in the container's network (works on a distroless-like image too)", async () => {
        const s = await m.open({
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: ['net'],
          command: ['ip', '-o', 'link', 'show'],
          cols: 200,
          rows: 24,
          access,
        });
        await col.end(s.id);
        const links = col.text.get(s.id)!;
        expect(links).toMatch(/eth0@if\d+/);
        // iproute2's `ip` (the host's), not busybox's: it knows -o link show with "link/ether".
        expect(links).toContain('link/ether');
      });

      it('stty size follows a resize', async () => {
        // The container's filesystem with the host's net and ipc: the nsenter path, opted into.
        const s = await m.open({
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: ['mnt', 'pid', 'uts'],
          unconfined: true,
          cols: 100,
          rows: 30,
          access,
        });
        m.input(s.id, 'stty size\n');
        await col.waitFor(s.id, (t) => t.includes('30 100'));
        m.resize(s.id, 120, 40);
        // The new size reaches the pty asynchronously (an engine call, a helper frame): ask until it has.
        const answers = () => [...(col.text.get(s.id) ?? '').matchAll(/^(\d+ \d+)\r?$/gm)].map((a) => a[1]);
        await waitFor('stty size to say 40 120', async () => {
          const asked = answers().length;
          m.input(s.id, 'stty size\n');
          await col.waitFor(s.id, () => answers().length > asked);
          return answers().at(-1) === '40 120';
        });
        m.input(s.id, 'exit 0\n');
        expect(await col.end(s.id)).toMatchObject({ reason: 'exited', code: 0 });
      });

      it('passes the exit code through, and UTF-8 split across chunks survives', async () => {
        const word = 'nấm-ßü-🙂';
        const s = await m.open({
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: ['mnt'],
          unconfined: true,
          cols: 80,
          rows: 24,
          access,
          // The pause before exit: on a loaded machine the kernel's hangup of a local pty, when its
          // session leader exits, can drop output node-pty has not read yet (raw node-pty too;
          // see docs/access-and-shells.md). This test is about split UTF-8 and the exit code.
          command: ['sh', '-c', `i=0; while [ $i -lt 3000 ]; do printf '%s' '${word}'; i=$((i+1)); done; sleep 0.5; exit 7`],
        });
        expect(await col.end(s.id)).toEqual({ reason: 'exited', code: 7, signal: null });
        const text = col.text.get(s.id)!;
        expect(text).not.toContain('\uFFFD');
        expect(text.split(word).length - 1).toBe(3000);
      });

      it('reports a container stopped under an open shell', async () => {
        tryRun(['docker', 'rm', '-f', stopName]);
        docker('run', '-d', '--name', stopName, '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
        const s = await m.open({ container: stopName, kind: 'nsenter', namespaces: ['net'], cols: 80, rows: 24, access });
        m.input(s.id, 'echo ready\n');
        await col.waitFor(s.id, (t) => t.includes('ready'));
        docker('kill', stopName);
        expect(await col.end(s.id)).toEqual({ reason: 'container-stopped' });
        docker('rm', '-f', stopName);
      });

      it('refuses bad input cleanly, with nothing run', async () => {
        const marker = `/tmp/nsi-ran-${process.pid}-${access}`;
        const base = { kind: 'nsenter' as const, cols: 80, rows: 24, access, command: ['touch', marker] };
        const cases: Array<[string, Record<string, unknown>]> = [
          ['injected name', { container: 'a;touch /tmp/x', namespaces: ['net'] }],
          ['path in name', { container: '../etc', namespaces: ['net'] }],
          ['subshell in name', { container: '$(id)', namespaces: ['net'] }],
          ['NUL in name', { container: `${FIXTURES.a}\0x`, namespaces: ['net'] }],
          ['unknown namespace', { container: FIXTURES.a, namespaces: ['net', 'bogus'] }],
          ['NUL in argument', { container: FIXTURES.a, namespaces: ['net'], command: ['touch', `${marker}\0`] }],
          ['relative program path', { container: FIXTURES.a, namespaces: ['net'], command: ['../bin/touch', marker] }],
          ['bad user', { container: FIXTURES.a, namespaces: ['net'], user: 'root;id' }],
          ['relative cwd', { container: FIXTURES.a, namespaces: ['net'], cwd: 'tmp' }],
        ];
        for (const [what, req] of cases) {
          const err = await m.open({ ...base, ...req } as never).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, what).toBeInstanceOf(NsInspectError);
          expect((err as NsInspectError).code, what).toBe('input');
        }
        expect(tryRun(['test', '-e', marker]).code).not.toBe(0);
      });
    });
  }

  it("docker-exec session: the container's own profile, exit code through", async () => {
    const s = await m.open({
      container: FIXTURES.a,
      kind: 'docker-exec',
      namespaces: [],
      command: ['sh', '-c', 'hostname; exit 9'],
      cols: 80,
      rows: 24,
    });
    expect(s.kind).toBe('docker-exec');
    expect(await col.end(s.id)).toEqual({ reason: 'exited', code: 9, signal: null });
    expect(col.text.get(s.id)).toContain('fx-a');
  });

  it('flow control: an unacknowledged consumer pauses the producer, acks resume it', async () => {
    col.autoAck = false;
    try {
      const s = await m.open({
        container: FIXTURES.a,
        kind: 'nsenter',
        namespaces: ['mnt'],
        unconfined: true,
        command: ['sh', '-c', 'yes 0123456789abcdef | head -c 8000000; exit 0'],
        cols: 80,
        rows: 24,
        access: 'direct',
      });
      // Paused: at least the high watermark delivered, then nothing more for a while.
      let last = -1;
      const stalled = await waitFor(
        'the producer to pause',
        async () => {
          const got = col.bytes.get(s.id) ?? 0;
          const still = got === last && got >= DEFAULT_FLOW.high;
          last = got;
          return still && got;
        },
        30_000,
        250,
      );
      expect(stalled).toBeLessThan(DEFAULT_FLOW.high + 1024 * 1024); // the high watermark plus what the pty holds
      expect(col.ends.has(s.id)).toBe(false);
      const t = Date.now();
      let acked = 0;
      while (!col.ends.has(s.id) && Date.now() - t < 30_000) {
        const got = col.bytes.get(s.id) ?? 0;
        if (got > acked) {
          m.ack(s.id, got - acked);
          acked = got;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(col.ends.get(s.id)).toMatchObject({ reason: 'exited', code: 0 });
      expect(col.bytes.get(s.id)).toBeGreaterThanOrEqual(8_000_000);
    } finally {
      col.autoAck = true;
    }
  });
});
