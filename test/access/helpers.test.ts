import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS_TYPES, type AccessKind } from '../../shared/model/index.js';
import { encodeFrame, FrameReader, type Header } from '../../electron/core/access/host-helper/protocol.js';
import { Backends, createAccess } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { containerPid, docker, nsInode, tryRun } from '../support/sh.js';
import { buildHelper, OWN_LABEL, sweepOwn } from '../shell/rig.js';

/** The host helper driven as a child process, frame by frame, as the app drives it. */
class RawHelper {
  private reader = new FrameReader();
  private nextId = 1;
  private waiting = new Map<number, (h: Header) => void>();
  readonly frames: Array<{ h: Header; body: Buffer }> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (c: Buffer) =>
      this.reader.push(c, (h, body) => {
        this.frames.push({ h, body });
        if (h.t === 'res') this.waiting.get(h.id)?.(h);
      }),
    );
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
  }

  request(verb: string, args: unknown): Promise<Header & { t: 'res' }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (h: Header) => void);
      this.child.stdin!.write(encodeFrame({ t: 'req', id, verb: verb as never, args }));
    });
  }
}

describeWithEngine('access backends against readlink', () => {
  let helper: ReturnType<typeof buildHelper>;
  const restartName = `nsi-acc-restart-${process.pid}`;

  beforeAll(() => {
    sweepOwn();
    helper = buildHelper();
    process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
  });
  afterAll(() => {
    tryRun(['docker', 'rm', '-f', restartName]);
    helper?.cleanup();
  });

  for (const kind of ['docker-helper', 'host-helper'] as AccessKind[]) {
    it(`${kind}: inspect and compare agree with readlink, and say which backend served them`, async () => {
      const engine = new Engine();
      const svc = new NsInspectService(engine, await createAccess({ kind, engine, helperImage: IMAGE }));
      try {
        const pa = containerPid(FIXTURES.a);
        const i = await svc.inspect(FIXTURES.a);
        expect(i.access).toBe(kind);
        for (const t of NS_TYPES) expect(i.namespaces.find((n) => n.type === t)?.inode, t).toBe(nsInode(pa, t));
        expect(i.host.namespaces.net).toBe(nsInode(2, 'net'));
        expect('interfaces' in i.net && i.net.interfaces.map((x) => x.name)).toContain('eth0');
        expect('hostname' in i.uts && i.uts.hostname).toBe('fx-a');
        const c = await svc.compare(FIXTURES.a, FIXTURES.netShare);
        expect(c.namespaces.find((r) => r.type === 'net')?.shared).toBe(true);
        expect(c.namespaces.find((r) => r.type === 'mnt')?.shared).toBe(false);
      } finally {
        await svc.close();
      }
    });
  }

  it('the automatic choice takes direct as root next to a local engine', async () => {
    const engine = new Engine();
    const b = new Backends(engine, IMAGE);
    try {
      expect(await b.choose()).toBe('direct');
      expect(await b.choose('docker-helper')).toBe('docker-helper');
    } finally {
      await b.close();
      await engine.stop();
    }
  });

  it('the docker-helper container: host PID namespace, no network, only the capabilities it needs; removed on close', async () => {
    const engine = new Engine();
    const b = new Backends(engine, IMAGE);
    const h = await b.dockerHelper();
    const info = JSON.parse(docker('inspect', h.containerId))[0];
    expect(info.HostConfig.PidMode).toBe('host');
    expect(info.HostConfig.NetworkMode).toBe('none');
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.CapAdd).not.toContain('SYS_RESOURCE');
    expect(info.Config.Labels['io.nsinspect.helper']).toBe('1');
    await b.close();
    await engine.stop();
    await waitFor('the helper container to be removed', () => tryRun(['docker', 'inspect', h.containerId]).code !== 0, 10_000, 100);
  });

  describe('host-helper protocol, driven as a child process', () => {
    let raw: RawHelper;
    beforeAll(async () => {
      raw = new RawHelper(spawn(process.execPath, [helper.script], { stdio: ['pipe', 'pipe', 'pipe'] }));
      const hello = await raw.request('hello', {});
      expect(hello.ok).toBe(true);
    });
    afterAll(() => raw?.child.kill());

    it('refuses unknown verbs, injected names, unknown namespaces and NUL bytes, running nothing', async () => {
      const marker = `/tmp/nsi-helper-ran-${process.pid}`;
      const bad: Array<[string, unknown]> = [
        ['exec', { argv: ['touch', marker] }],
        ['shell.open', { container: 'x;touch /tmp/y', namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        ['shell.open', { container: '../../etc', namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        ['shell.open', { container: FIXTURES.a, namespaces: ['net', 'nope'], cols: 80, rows: 24, command: ['touch', marker] }],
        ['shell.open', { container: FIXTURES.a, namespaces: ['net'], cols: 80, rows: 24, command: ['touch', `${marker}\0`] }],
        ['shell.open', { container: `${FIXTURES.a}\0`, namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        ['probe.run', { kind: 'ip-batch', pid: containerPid(FIXTURES.a), container: FIXTURES.a, input: 'link set lo down\n' }],
        ['probe.run', { kind: 'shell', pid: 2, argv: ['touch', marker] }],
      ];
      for (const [verb, args] of bad) {
        const r = await raw.request(verb, args);
        expect(r.ok, `${verb} ${JSON.stringify(args)}`).toBe(false);
        if (!r.ok) expect(['input', 'not-found']).toContain(r.error.code);
      }
      expect(existsSync(marker)).toBe(false);
    });

    it('reads only what its policy allows', async () => {
      const pid = containerPid(FIXTURES.a);
      const r = await raw.request('probe.read', { op: 'readFiles', paths: ['/etc/shadow', `/proc/${pid}/root/etc/shadow`, `/proc/${pid}/environ`, `/proc/${pid}/status`, `/proc/${pid}/../1/status`] });
      expect(r.ok).toBe(true);
      const v = (r as { value: Array<{ ok: boolean }> }).value;
      expect(v.map((x) => x.ok)).toEqual([false, false, false, true, false]);
      const l = await raw.request('probe.read', { op: 'readLinks', paths: [`/proc/${pid}/ns/net`, `/proc/${pid}/exe`] });
      expect((l as { value: Array<{ ok: boolean; value?: string }> }).value.map((x) => x.ok)).toEqual([true, false]);
      expect((l as { value: Array<{ value?: string }> }).value[0]!.value).toBe(`net:[${nsInode(pid, 'net')}]`);
    });

    it('refuses a PID that no longer belongs to the container', async () => {
      tryRun(['docker', 'rm', '-f', restartName]);
      docker('run', '-d', '--name', restartName, '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
      const old = containerPid(restartName);
      docker('restart', '-t', '0', restartName);
      const now = containerPid(restartName);
      expect(now).not.toBe(old);
      const marker = `/tmp/nsi-helper-stale-${process.pid}`;
      const shell = await raw.request('shell.open', { container: restartName, pid: old, namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] });
      expect(shell.ok).toBe(false);
      if (!shell.ok) expect(shell.error.code).toBe('gone');
      const run = await raw.request('probe.run', { kind: 'ip-show', pid: old, container: restartName });
      expect(run.ok).toBe(false);
      if (!run.ok) expect(run.error.code).toBe('gone');
      // A PID that is not the container's at all (the helper's own parent) is refused too.
      const other = await raw.request('probe.run', { kind: 'ip-show', pid: process.pid, container: restartName });
      expect(other.ok).toBe(false);
      expect(existsSync(marker)).toBe(false);
      // With the current PID it works.
      const ok = await raw.request('probe.run', { kind: 'ip-show', pid: now, container: restartName });
      expect(ok.ok).toBe(true);
      docker('rm', '-f', restartName);
    });

    it('exits when its parent closes the pipe, and on a malformed frame', async () => {
      const a = new RawHelper(spawn(process.execPath, [helper.script], { stdio: ['pipe', 'pipe', 'pipe'] }));
      await a.request('hello', {});
      a.child.stdin!.end();
      expect(await a.exited).toBe(0);
      const b = new RawHelper(spawn(process.execPath, [helper.script], { stdio: ['pipe', 'pipe', 'pipe'] }));
      await b.request('hello', {});
      b.child.stdin!.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
      expect(await b.exited).toBe(0);
    });
  });
});
