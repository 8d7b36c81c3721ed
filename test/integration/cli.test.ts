import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { main } from '../../electron/cli/main.js';
import { describeWithEngine } from '../support/engine.js';
import { FILE_IN_A, FIXTURES } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithEngine('the nsinspect CLI and its JSON contract', () => {
  beforeAll(() => {
    // The CLI runs the built engine; build it if this run did not.
    if (!existsSync(new URL('../../out/node/electron/cli/main.js', import.meta.url))) run(['npx', 'tsc', '-p', 'tsconfig.node.json']);
  });

  it('compare --json: namespaces[] with type, a/b/host inodes, shared and sharedWithHost', () => {
    const r = cli('compare', FIXTURES.a, FIXTURES.netShare, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const pa = containerPid(FIXTURES.a);
    const pb = containerPid(FIXTURES.netShare);
    expect(out.namespaces.map((n: any) => n.type)).toEqual([...NS_TYPES]);
    for (const n of out.namespaces) {
      expect(Number.isInteger(n.a.inode) && Number.isInteger(n.b.inode) && Number.isInteger(n.host.inode)).toBe(true);
      expect(n.a.inode).toBe(nsInode(pa, n.type));
      expect(n.b.inode).toBe(nsInode(pb, n.type));
      expect(n.host.inode).toBe(nsInode(2, n.type));
      expect(n.shared).toBe(nsInode(pa, n.type) === nsInode(pb, n.type));
      expect(n.sharedWithHost).toEqual({ a: nsInode(pa, n.type) === nsInode(2, n.type), b: nsInode(pb, n.type) === nsInode(2, n.type) });
    }
    expect(out.namespaces.find((n: any) => n.type === 'net').shared).toBe(true);
  });

  it('compare with host', () => {
    const out = JSON.parse(cli('compare', FIXTURES.pidHost, 'host', '--json').stdout);
    expect(out.namespaces.find((n: any) => n.type === 'pid')).toMatchObject({ shared: true });
  });

  it('inspect --json: the sections the app relies on', () => {
    const r = cli('inspect', FIXTURES.ipcOwner, '--json');
    expect(r.code, r.stderr).toBe(0);
    const i = JSON.parse(r.stdout);
    const pid = containerPid(FIXTURES.ipcOwner);
    for (const n of i.namespaces) {
      expect(n.inode).toBe(nsInode(pid, n.type));
      expect(typeof n.sharedWithHost).toBe('boolean');
    }
    const eth0 = i.net.interfaces.find((x: any) => x.name === 'eth0');
    expect(eth0).toMatchObject({ kind: 'veth', peer: { master: 'docker0' } });
    expect(eth0.addresses).toContain(docker('inspect', '-f', '{{.NetworkSettings.IPAddress}}/{{.NetworkSettings.IPPrefixLen}}', FIXTURES.ipcOwner));
    expect(i.pid.processes[0]).toMatchObject({ hostPid: pid, nsPid: 1, command: '/bin/ipcfix' });
    expect(i.uts.hostname).toBe(run(['nsenter', `--target=${pid}`, '--uts', 'hostname']).trim());
    expect(i.ipc.shm[0].bytes).toBe(65536);
    expect(Array.isArray(i.ipc.sem) && Array.isArray(i.ipc.msg) && Array.isArray(i.ipc.mqueue)).toBe(true);
    expect(i.user.uidMap.length).toBeGreaterThan(0);
    expect(i.mnt.mounts.length).toBeGreaterThan(5);
    expect(i.mnt.overlay.upperDir).toBe(docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', FIXTURES.ipcOwner));
    expect(i.mnt.overlay.lowerDirs.length).toBeGreaterThan(0);
  });

  it('inspect accepts a PID and "host"', () => {
    const pid = containerPid(FIXTURES.b);
    const i = JSON.parse(cli('inspect', String(pid), '--json').stdout);
    expect(i.target).toMatchObject({ kind: 'pid', pid });
    const h = JSON.parse(cli('inspect', 'host', '--json').stdout);
    expect(h.namespaces.every((n: any) => n.sharedWithHost === true)).toBe(true);
  });

  it('ls --json and map --json', () => {
    const list = JSON.parse(cli('ls', '--json').stdout);
    const a = list.find((c: any) => c.name === FIXTURES.a);
    expect(a.pid).toBe(containerPid(FIXTURES.a));
    expect(a.id).toBe(docker('inspect', '-f', '{{.Id}}', FIXTURES.a));
    const map = JSON.parse(cli('map', '--json').stdout);
    const ipc = map.namespaces.find((n: any) => n.type === 'ipc' && n.inode === nsInode(containerPid(FIXTURES.ipcOwner), 'ipc'));
    expect(ipc.containers.map((c: any) => c.name).sort()).toEqual([FIXTURES.ipcJoin, FIXTURES.ipcOwner].sort());
  });

  it('where prints the upper-layer host path', () => {
    const r = cli('where', FIXTURES.a, FILE_IN_A);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', FIXTURES.a)}${FILE_IN_A}`);
  });

  it('human compare output names shared and isolated, without colour when not a TTY', () => {
    const r = cli('compare', FIXTURES.a, FIXTURES.netShare);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toMatch(/^net\s+\d+\s+\d+\s+\d+\s+shared$/m);
    expect(r.stdout).toMatch(/^uts\s+\d+\s+\d+\s+\d+\s+isolated$/m);
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ['an unknown container', ['inspect', 'no-such-container-xyz'], /no such container/],
    ['a path-like argument', ['inspect', '../../etc/passwd'], /not a container name or ID/],
    ['a malformed name', ['compare', 'a;rm -rf /', FIXTURES.a], /not a container name or ID/],
    ['NUL and newlines', ['inspect', 'x\ny'], /not a container name or ID/],
    ['a stopped container', ['inspect', FIXTURES.stopped], /is not running/],
    ['a relative path for where', ['where', FIXTURES.a, 'etc/passwd'], /not an absolute path/],
    ['an unknown command', ['frobnicate'], /unknown command/],
    ['a wrong argument count', ['compare', FIXTURES.a], /usage/],
  ];
  // In-process: the same main() the bin runs, without starting Node for each (the bin's own
  // exit code is checked by the unreachable-engine test below).
  for (const [what, args, message] of refusals) {
    it(`refuses ${what} with one line and a non-zero exit`, async () => {
      const r = { code: 0, stdout: '', stderr: '' };
      r.code = await main(args, { stdout: (t) => (r.stdout += t), stderr: (t) => (r.stderr += t), isTTY: false });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('an unreachable engine is a clear error with what to do', () => {
    const r = spawnSync(process.execPath, [BIN, 'ls'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/engine unreachable: no engine is listening at unix:\/\/\/nonexistent\/docker.sock/);
    expect(r.stderr).toMatch(/start the engine/);
  });
});
