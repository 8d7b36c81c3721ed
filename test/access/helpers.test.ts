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
import { HELPER_PROFILE } from '../../shared/api/helper-profile.js';
import { waitFor } from '../support/poll.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';
import { buildHelper, OWN_LABEL, sweepOwn } from '../shell/rig.js';

/** The host helper driven as a child process, frame by frame, as the app drives it. */
class RawHelper {
  private reader = new FrameReader();
  private nextId = 1;
  private waiting = new Map<number, (h: Header) => void>();
  private waitingType = new Map<string, (h: Header) => void>();
  private waitingRaw = new Map<number, (frame: Buffer) => void>();
  readonly frames: Array<{ h: Header; body: Buffer }> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (c: Buffer) => {
      // The raw bytes of an answer, for the byte-exact test (one frame per read is enough there).
      const m = /^\{"t":"res","id":(\d+)/.exec(c.subarray(4, 40).toString('latin1'));
      if (m) this.waitingRaw.get(Number(m[1]))?.(c);
      this.reader.push(c, (h, body) => {
        this.frames.push({ h, body });
        if (h.t === 'res') this.waiting.get(h.id)?.(h);
        this.waitingType.get(h.t)?.(h);
      });
    });
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
  }

  waitFor(id: number, f: (h: Header) => void): void {
    this.waiting.set(id, f);
  }
  waitForType(t: string, f: (h: Header) => void): void {
    this.waitingType.set(t, f);
  }
  waitForRaw(id: number, f: (frame: Buffer) => void): void {
    this.waitingRaw.set(id, f);
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
    // What Settings tells the user before they choose it is what the engine gave the container.
    expect([...info.HostConfig.CapAdd].sort()).toEqual([...HELPER_PROFILE.capabilities].sort());
    // The engine may add its own (label=disable for a host PID namespace).
    expect(info.HostConfig.SecurityOpt).toEqual(expect.arrayContaining([...HELPER_PROFILE.securityOpt]));
    expect(HELPER_PROFILE.hostNamespaces.map((t) => nsInode(Number(info.State.Pid), t))).toEqual(
      HELPER_PROFILE.hostNamespaces.map((t) => nsInode(2, t)),
    );
    expect(info.Config.Labels['io.nsinspect.helper']).toBe('1');
    await b.close();
    await engine.stop();
    await waitFor('the helper container to be removed', () => tryRun(['docker', 'inspect', h.containerId]).code !== 0, 10_000, 100);
  });

  describe('host-helper protocol, driven as a child process', () => {
    let raw: RawHelper;
    let rawShells: RawHelper;
    const start = (...args: string[]) =>
      new RawHelper(spawn(process.execPath, [helper.script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
    beforeAll(async () => {
      raw = start();
      rawShells = start('--shells');
      const [hello, helloShells] = [await raw.request('hello', {}), await rawShells.request('hello', {})];
      expect(hello.ok && (hello.value as { mode: string }).mode).toBe('read');
      expect(helloShells.ok && (helloShells.value as { mode: string }).mode).toBe('shells');
    });
    afterAll(() => {
      raw?.child.kill();
      rawShells?.child.kill();
    });

    it('the reading helper opens no shell, with any namespace set: nothing runs (the threat model)', async () => {
      const marker = `/tmp/nsi-helper-read-ran-${process.pid}`;
      for (const namespaces of [[], ['net'], ['mnt', 'pid']]) {
        const r = await raw.request('shell.open', {
          container: FIXTURES.a,
          namespaces,
          cols: 80,
          rows: 24,
          tty: false,
          command: ['/usr/bin/touch', marker],
        });
        expect(r.ok, JSON.stringify(namespaces)).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('permission');
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(existsSync(marker)).toBe(false);
      // ...and the shell helper serves no probe verbs.
      const read = await rawShells.request('probe.read', { op: 'readLinks', paths: ['/proc/1/ns/net'] });
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.code).toBe('permission');
    });

    it('takes no other arguments: a wrapper cannot be talked into more', async () => {
      for (const args of [['--evil'], ['--shells', '--x'], ['--read', '--shells']]) {
        const h = start(...args);
        expect(await h.exited, args.join(' ')).toBe(2);
      }
    });

    it('under pkexec, refuses to serve when the process that asked is not PKEXEC_UID', async () => {
      // This test process (root) is the parent; pkexec would have set PKEXEC_UID to its uid.
      const liar = new RawHelper(
        spawn(process.execPath, [helper.script], { stdio: ['pipe', 'pipe', 'pipe'], env: { PKEXEC_UID: '4242' } }),
      );
      let err = '';
      liar.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      expect(await liar.exited).toBe(1);
      expect(err).toMatch(/refusing: started for uid 4242 \(PKEXEC_UID\) but the parent process \d+ runs as uid 0/);
      const honest = new RawHelper(spawn(process.execPath, [helper.script], { stdio: ['pipe', 'pipe', 'pipe'], env: { PKEXEC_UID: '0' } }));
      const hello = await honest.request('hello', {});
      expect(hello.ok && (hello.value as { callerUid: number }).callerUid).toBe(0);
      honest.child.stdin!.end();
      expect(await honest.exited).toBe(0);
    });

    it('refuses unknown verbs, injected names, unknown namespaces and NUL bytes, running nothing', async () => {
      const marker = `/tmp/nsi-helper-ran-${process.pid}`;
      const pid = containerPid(FIXTURES.a);
      const bad: Array<[RawHelper, string, unknown]> = [
        [raw, 'exec', { argv: ['touch', marker] }],
        [rawShells, 'shell.open', { container: 'x;touch /tmp/y', namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        [rawShells, 'shell.open', { container: '../../etc', namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        [rawShells, 'shell.open', { container: FIXTURES.a, namespaces: ['net', 'nope'], cols: 80, rows: 24, command: ['touch', marker] }],
        [rawShells, 'shell.open', { container: FIXTURES.a, namespaces: ['net'], cols: 80, rows: 24, command: ['touch', `${marker}\0`] }],
        [rawShells, 'shell.open', { container: `${FIXTURES.a}\0`, namespaces: ['net'], cols: 80, rows: 24, command: ['touch', marker] }],
        // Typed requests: no argv, no input, no file list travels; anything more is refused.
        [raw, 'probe.run', { req: { kind: 'netBatch', pid, input: 'link set lo down\n' }, container: FIXTURES.a }],
        [raw, 'probe.run', { req: { kind: 'kernelViews', pid, cgroup: true, files: ['/etc/shadow'] }, container: FIXTURES.a }],
        [raw, 'probe.run', { req: { kind: 'shell', pid: 2, argv: ['touch', marker] } }],
        [raw, 'probe.run', { req: { kind: 'ipAddr', pid: String(pid) }, container: FIXTURES.a }],
        [raw, 'probe.run', { kind: 'ip-show', pid, container: FIXTURES.a }],
      ];
      for (const [h, verb, args] of bad) {
        const r = await h.request(verb, args);
        expect(r.ok, `${verb} ${JSON.stringify(args)}`).toBe(false);
        if (!r.ok) expect(['input', 'not-found']).toContain(r.error.code);
      }
      expect(existsSync(marker)).toBe(false);
      // lo is still up in the container's network (ip -j from the host, inside it).
      const lo = JSON.parse(run(['nsenter', `--net=/proc/${pid}/ns/net`, 'ip', '-j', 'link', 'show', 'lo'])) as Array<{ flags: string[] }>;
      expect(lo[0]!.flags).toContain('UP');
    });

    it('reads only what its policy allows', async () => {
      const pid = containerPid(FIXTURES.a);
      const r = await raw.request('probe.read', {
        op: 'readFiles',
        paths: ['/etc/shadow', `/proc/${pid}/root/etc/shadow`, `/proc/${pid}/environ`, `/proc/${pid}/status`, `/proc/${pid}/../1/status`],
      });
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
      const shell = await rawShells.request('shell.open', {
        container: restartName,
        pid: old,
        namespaces: ['net'],
        cols: 80,
        rows: 24,
        command: ['touch', marker],
      });
      expect(shell.ok).toBe(false);
      if (!shell.ok) expect(shell.error.code).toBe('gone');
      const ip = (p: number) => raw.request('probe.run', { req: { kind: 'ipAddr', pid: p }, container: restartName });
      const stale = await ip(old);
      expect(stale.ok).toBe(false);
      if (!stale.ok) expect(stale.error.code).toBe('gone');
      // A PID that is not the container's at all (the helper's own parent) is refused too.
      const other = await ip(process.pid);
      expect(other.ok).toBe(false);
      expect(existsSync(marker)).toBe(false);
      // With the current PID it works, and answers for the container's network namespace.
      const ok = await ip(now);
      expect(ok.ok).toBe(true);
      const names = (JSON.parse((ok as { value: { stdout: string } }).value.stdout) as Array<{ ifname: string }>).map((i) => i.ifname);
      expect(names).toEqual(
        JSON.parse(run(['nsenter', `--net=/proc/${now}/ns/net`, 'ip', '-j', 'link', 'show'])).map((i: { ifname: string }) => i.ifname),
      );
      docker('rm', '-f', restartName);
    });

    it('answers an oversized request and an oversized answer with an error, and goes on serving', async () => {
      // A request over 16 MiB: skipped as it streams in, answered by its id.
      const id = 9_000_001;
      const big = Buffer.from(`{"t":"req","id":${id},"verb":"probe.read","args":{"op":"readFiles","paths":["${'x'.repeat(17 << 20)}"]}}\n`);
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(big.length);
      const answered = new Promise<Header>((resolve) => raw.waitFor(id, resolve));
      raw.child.stdin!.write(Buffer.concat([prefix, big]));
      const res = await answered;
      expect(res.t === 'res' && !res.ok && res.error.message).toMatch(/too large/);
      // An answer that would not fit a frame: 200 copies of a 100 KiB command line.
      const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e6)', 'y'.repeat(100 << 10)], { stdio: 'ignore' });
      try {
        await new Promise((r) => sleeper.once('spawn', r));
        const r = await raw.request('probe.read', {
          op: 'readFiles',
          paths: Array.from({ length: 200 }, () => `/proc/${sleeper.pid}/cmdline`),
        });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(/too large/);
      } finally {
        sleeper.kill('SIGKILL');
      }
      expect(raw.child.exitCode).toBeNull();
      expect((await raw.request('hello', {})).ok).toBe(true);
    });

    it('answers hand-written frames byte for byte', async () => {
      // [u32 BE length = 0x2d = 45][{"t":"req","id":77,"verb":"hello","args":{}}\n]
      const hello = Buffer.from(
        '0000002d7b2274223a22726571222c226964223a37372c2276657262223a2268656c6c6f222c2261726773223a7b7d7d0a',
        'hex',
      );
      expect(hello.readUInt32BE(0)).toBe(hello.length - 4);
      const got = new Promise<Buffer>((resolve) => raw.waitForRaw(77, resolve));
      // Split mid-prefix and mid-header: frames are independent of reads.
      raw.child.stdin!.write(hello.subarray(0, 2));
      await new Promise((r) => setTimeout(r, 50));
      raw.child.stdin!.write(hello.subarray(2, 20));
      await new Promise((r) => setTimeout(r, 50));
      raw.child.stdin!.write(hello.subarray(20));
      const frame = await got;
      expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
      const text = frame.subarray(4).toString('utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toMatch(
        new RegExp(`^\\{"t":"res","id":77,"ok":true,"value":\\{"version":2,"mode":"read","pid":${raw.child.pid},"uid":0,`),
      );
      // A delimited frame whose header is not JSON: answered with an error frame, no id, and the helper goes on.
      const junk = Buffer.from('000000037b780a', 'hex'); // {x\n
      const err = new Promise<Header>((resolve) => raw.waitForType('error', resolve));
      raw.child.stdin!.write(junk);
      expect((await err).t).toBe('error');
      expect((await raw.request('hello', {})).ok).toBe(true);
    });

    it('exits when its parent closes the pipe, and after answering a frame that breaks the framing', async () => {
      const a = start();
      await a.request('hello', {});
      a.child.stdin!.end();
      expect(await a.exited).toBe(0);
      const b = start();
      await b.request('hello', {});
      const told = new Promise<Header>((resolve) => b.waitForType('error', resolve));
      b.child.stdin!.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
      const e = await told;
      expect(e.t === 'error' && e.error.message).toMatch(/JSON header.*stops/);
      expect(await b.exited).toBe(0);
    });
  });
});
