import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { controlPath } from '../../electron/core/engine/ssh.js';
import { describeRig } from '../support/rigs/describe-rig.js';
import { IMAGE, LABEL, LABEL_KEY } from '../support/fixtures.js';
import { JsonLinesChild } from '../support/json-child.js';
import { ALIAS, CONTEXT, masterPids, REMOTE_USER, sshRigUnavailable, startSshRig, type SshRig } from '../support/rigs/sshd.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

// Issue 11 §4: the walkthrough through an ssh:// context to a "remote" host (this machine's
// engine, reached through sshd on a loopback port as a throwaway docker-group user), run as a
// local throwaway user whose ~/.ssh and ~/.docker the test prepared. Since the remote is this
// machine, its answers are checked against readlink and the files on this host.

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/nsinspect.js');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const A = `nsi-rem-a-${process.pid}`;
const B = `nsi-rem-b-${process.pid}`;
const FILE = '/nsi-rem-file.txt';
const OWNER = `${LABEL_KEY}.owner=${process.pid}`;

// Each test runs the CLI (a helper container on the remote engine) once or twice: seconds when
// the machine is idle, far more when it is loaded.
vi.setConfig({ testTimeout: 300_000 });

const describeRigTests = describeRig(sshRigUnavailable(), 'ssh rig');

describeRigTests('remote engine over ssh:// (the rig: sshd on loopback, a context, a throwaway user)', () => {
  let rig: SshRig;
  /** The master socket of the rig's context (the alias has its own). */
  const sock = () => controlPath(rig.url, rig.controlDir);

  /** The CLI as the rig's local user. */
  function cli(args: string[], env: Record<string, string> = {}, input?: string) {
    const started = Date.now();
    const r = spawnSync(
      rig.as[0]!,
      // The deadline of an engine request is raised: on a loaded machine a new channel (a remote
      // `docker` start) can take seconds, which is not what these tests are about.
      [
        ...rig.as.slice(1),
        'NSINSPECT_ENGINE_TIMEOUT_MS=30000',
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
        process.execPath,
        BIN,
        ...args,
      ],
      { encoding: 'utf8', cwd: '/', timeout: 240_000, ...(input !== undefined ? { input } : {}) },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  }
  const viaContext = (...args: string[]) => cli(['--context', CONTEXT, '--helper-image', IMAGE, ...args]);

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/cli/nsinspect.cjs'))) run(['npm', 'run', 'build:cli']);
    rig = await startSshRig();
    for (const n of [B, A]) tryRun(['docker', 'rm', '-f', n]);
    docker('run', '-d', '--name', A, '--hostname', 'nsi-rem-host-a', '--label', LABEL, '--label', OWNER, IMAGE, 'sleep', '1000000');
    docker('run', '-d', '--name', B, '--network', `container:${A}`, '--label', LABEL, '--label', OWNER, IMAGE, 'sleep', '1000000');
    docker('exec', A, 'sh', '-c', `echo remote-tutorial > ${FILE}`);
  });

  afterAll(() => {
    tryRun(['docker', 'rm', '-f', B, A]);
    rig?.stop();
  });

  it('contexts lists the rig context with its URL, and marks the current one', () => {
    const r = cli(['contexts', '--json'], { DOCKER_CONTEXT: CONTEXT });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.contexts.find((c: { name: string }) => c.name === CONTEXT)).toMatchObject({ endpoint: rig.url, current: true });
    expect(j.contexts.find((c: { name: string }) => c.name === 'default')).toMatchObject({ current: false });
    expect(j.current).toMatchObject({ name: CONTEXT, why: 'DOCKER_CONTEXT is set' });
    const human = cli(['contexts']);
    expect(human.stdout).toMatch(/default \*/);
    expect(human.stdout).toContain(rig.url);
  });

  it('ls --context: the remote engine lists the containers with the PIDs docker inspect gives; the answer names it', () => {
    const r = viaContext('ls', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const a = j.containers.find((c: { name: string }) => c.name === A);
    expect(a.pid).toBe(containerPid(A));
    expect(a.namespaces.net).toBe(nsInode(containerPid(A), 'net'));
    expect(j.engine).toMatchObject({ endpoint: rig.url, source: 'option' });
    expect(j.engine.why).toContain(`context "${CONTEXT}"`);
  });

  it('-H ssh://ALIAS uses ~/.ssh/config (HostName, Port, User, IdentityFile)', () => {
    const r = cli(['-H', `ssh://${ALIAS}`, '--helper-image', IMAGE, 'ls', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).containers.map((c: { name: string }) => c.name)).toContain(A);
  });

  it('compare: every inode is the one readlink shows on the host; net is shared, the rest not', () => {
    const r = viaContext('compare', A, B, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const [pa, pb] = [containerPid(A), containerPid(B)];
    for (const t of NS_TYPES) {
      if (!existsSync(`/proc/${pa}/ns/${t}`)) continue;
      const row = j.namespaces.find((n: { type: string }) => n.type === t);
      expect(row.a.inode, t).toBe(nsInode(pa, t));
      expect(row.b.inode, t).toBe(nsInode(pb, t));
      expect(row.shared, t).toBe(nsInode(pa, t) === nsInode(pb, t));
    }
    expect(j.namespaces.find((n: { type: string }) => n.type === 'net').shared).toBe(true);
    expect(j.engine.endpoint).toBe(rig.url);
  });

  // Every container's network namespace is read through the remote helper: slow with hundreds.
  it("net: the container's network namespace, with the interfaces `ip` shows in it", { timeout: 300_000 }, () => {
    const r = viaContext('net', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const inode = nsInode(containerPid(A), 'net');
    const ns = j.netns.find((n: { inode: number }) => n.inode === inode);
    expect(ns.containers.map((c: { name: string }) => c.name).sort()).toEqual([A, B].sort());
    const ip = JSON.parse(run(['nsenter', '-t', String(containerPid(A)), '-n', 'ip', '-j', 'link'])) as { ifname: string }[];
    expect(ns.interfaces.map((i: { name: string }) => i.name).sort()).toEqual(ip.map((l) => l.ifname).sort());
  });

  it('where: the path on the (remote) host, which holds the file written in the container', () => {
    const r = viaContext('where', A, FILE, '--json');
    expect(r.code, r.stderr).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l.hostPath).toBe(`${docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', A)}${FILE}`);
    expect(readFileSync(l.hostPath, 'utf8')).toBe('remote-tutorial\n');
    expect(viaContext('where', A, '/no/such/file').code).toBe(1);
  });

  it("a shell through the remote helper, and one through the engine's exec, answer the container's hostname", () => {
    const want = docker('inspect', '-f', '{{.Config.Hostname}}', A);
    const helper = viaContext('shell', A, '--ns', 'uts', '--', 'hostname');
    expect(helper.code, helper.stderr).toBe(0);
    expect(helper.stdout.trim()).toBe(want);
    expect(helper.stderr).toMatch(new RegExp(`nsenter via docker-helper.*engine ssh://${REMOTE_USER}@127\\.0\\.0\\.1`));
    const exec = viaContext('shell', A, '--preset', 'exec', '--', 'hostname');
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout.trim()).toBe(want);
  });

  it('requests share one master connection: a second command makes no new handshake', () => {
    const before = masterPids(rig.uid, sock());
    expect(before.length, 'a master from the commands above').toBe(1);
    const r = viaContext('ls');
    expect(r.code, r.stderr).toBe(0);
    expect(masterPids(rig.uid, sock())).toEqual(before);
  });

  it('a dropped connection (the master killed) reconnects by itself, with a new master', async () => {
    const child = new JsonLinesChild(
      spawn(rig.as[0]!, [...rig.as.slice(1), TSX, join(ROOT, 'test/support/rigs/remote-engine-child.ts'), rig.url], {
        cwd: '/tmp',
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    try {
      const started = await child.waitFor('started', 60_000);
      expect(started, child.stderr).toMatchObject({ started: true });
      const old = masterPids(rig.uid, sock());
      expect(old.length).toBeGreaterThan(0);
      for (const p of old) process.kill(p, 'SIGKILL');
      const t = Date.now();
      let reconnected = false;
      while (Date.now() - t < 30_000 && !reconnected) {
        const states = child.msgs.filter((m) => 'state' in m).map((m) => m.state);
        const lost = states.lastIndexOf('unreachable');
        reconnected = lost >= 0 && states.slice(lost).includes('connected');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(reconnected, `${JSON.stringify(child.msgs)}\n${child.stderr}`).toBe(true);
      const fresh = masterPids(rig.uid, sock());
      expect(fresh.length).toBe(1);
      expect(old).not.toContain(fresh[0]);
      child.proc.stdin!.write('list\n');
      const list = await child.waitFor('list');
      expect(list.list).toContain(A);
    } finally {
      child.proc.stdin!.write('quit\n');
      setTimeout(() => child.proc.kill('SIGKILL'), 3000).unref();
      await child.exited;
    }
  });

  it('an unknown host key is refused, with one line that says what to do (known_hosts emptied)', () => {
    const kh = join(rig.home, '.ssh', 'known_hosts');
    const keep = readFileSync(kh, 'utf8');
    for (const p of masterPids(rig.uid, sock())) process.kill(p, 'SIGKILL');
    writeFileSync(kh, '');
    try {
      const r = viaContext('ls');
      expect(r.code).toBe(3);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/host key of 127\.0\.0\.1 is not in known_hosts; ssh refused to connect/);
      expect(lines[0]).toContain(`ssh -p ${rig.port} ${REMOTE_USER}@127.0.0.1`);
      // The refusal left nothing trusted behind.
      expect(readFileSync(kh, 'utf8')).toBe('');
    } finally {
      writeFileSync(kh, keep);
    }
  });

  it('a refused key and a missing helper image each say what to do', () => {
    for (const p of masterPids(rig.uid, sock())) process.kill(p, 'SIGKILL');
    const badKey = cli(['-H', `ssh://nobody-here@127.0.0.1:${rig.port}`, 'ls']);
    expect(badKey.code).toBe(3);
    expect(badKey.stderr.trim().split('\n')).toHaveLength(1);
    expect(badKey.stderr).toMatch(/refused the key of nobody-here .*ssh-add/);
    const noImage = cli(['--context', CONTEXT, '--helper-image', 'nsi-rem-no-such-image:1', 'ls']);
    expect(noImage.code).not.toBe(0);
    expect(noImage.stderr).toContain(`docker save nsi-rem-no-such-image:1 | ssh -p ${rig.port} ${REMOTE_USER}@127.0.0.1 docker load`);
    expect(noImage.stderr).toContain('--helper-image');
  });
});
