import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { main } from '../../electron/cli/main.js';
import { describeWithEngine } from '../support/engine.js';
import { EngineProxy } from '../support/engine-proxy.js';
import { FILE_IN_A, FIXTURES, IMAGE, LABEL, LABEL_KEY } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliEnv(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI without blocking this process (a proxy served from here must keep answering), killed
 * after `boundMs`: `ms` says how long it took, `killed` that it had to be stopped.
 */
function cliAsync(opts: { env?: Record<string, string>; argv0?: string[]; boundMs?: number }, ...args: string[]) {
  const started = Date.now();
  const [cmd, ...pre] = [...(opts.argv0 ?? []), process.execPath, BIN, ...args];
  const child = spawn(cmd!, pre, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, opts.boundMs ?? 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number; killed: boolean }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started, killed });
    }),
  );
}

/** The endpoint the docker CLI itself uses here: the independent source for the `engine` field. */
const dockerEndpoint = () => docker('context', 'inspect', '--format', '{{.Endpoints.docker.Host}}');

describeWithEngine('the nsinspect CLI and its JSON contract', () => {
  beforeAll(() => {
    // The CLI runs the bundled build; build it if this run did not.
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
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
    expect(eth0.addresses).toContain(
      docker('inspect', '-f', '{{.NetworkSettings.IPAddress}}/{{.NetworkSettings.IPPrefixLen}}', FIXTURES.ipcOwner),
    );
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
    const list = JSON.parse(cli('ls', '--json').stdout).containers;
    const a = list.find((c: any) => c.name === FIXTURES.a);
    expect(a.pid).toBe(containerPid(FIXTURES.a));
    expect(a.id).toBe(docker('inspect', '-f', '{{.Id}}', FIXTURES.a));
    // The PIDs come from /proc/*/cgroup, not from inspections: each must be the engine's State.Pid.
    // The fixtures stand for all: other containers on this machine may come, go or hang meanwhile.
    const names: string[] = Object.values(FIXTURES);
    const fixtures = list.filter((x: any) => names.includes(x.name));
    expect(fixtures).toHaveLength(names.length);
    for (const c of fixtures) {
      const [pid, hostname, pidMode] = docker('inspect', '-f', '{{.State.Pid}} {{.Config.Hostname}} {{.HostConfig.PidMode}}', c.id).split(
        ' ',
      );
      expect(c.pid ?? 0, c.name).toBe(Number(pid));
      expect(c.hostname, c.name).toBe(hostname);
      expect(c.modes.pid, c.name).toBe(pidMode || 'private');
    }
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
    const r = spawnSync(process.execPath, [BIN, 'ls'], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/engine unreachable: no engine is listening at unix:\/\/\/nonexistent\/docker.sock/);
    expect(r.stderr).toMatch(/start the engine/);
  });
  it('every --json answer names the engine (endpoint, source, why) as the docker CLI resolves it', () => {
    const endpoint = dockerEndpoint();
    const answers: Array<[string, string[]]> = [
      ['ls', ['ls', '--json']],
      ['inspect', ['inspect', FIXTURES.a, '--json']],
      ['compare', ['compare', FIXTURES.a, 'host', '--json']],
      ['map', ['map', '--json']],
      ['net', ['net', '--json']],
      ['where', ['where', FIXTURES.a, FILE_IN_A, '--json']],
    ];
    for (const [name, args] of answers) {
      const r = cli(...args);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.engine, name).toMatchObject({ endpoint, source: expect.any(String), why: expect.any(String) });
      expect(out.engine.notes, name).toBeUndefined();
    }
  });

  it('every human answer ends with one line naming the engine', () => {
    const endpoint = dockerEndpoint();
    for (const args of [
      ['ls'],
      ['inspect', FIXTURES.a],
      ['compare', FIXTURES.a, FIXTURES.b],
      ['map'],
      ['net'],
      ['where', FIXTURES.a, FILE_IN_A],
    ]) {
      const r = cli(...args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trimEnd().split('\n').at(-1), args.join(' ')).toMatch(
        new RegExp(`^engine: ${endpoint.replace(/[/.]/g, '\\$&')} \\(.+\\)$`),
      );
    }
  });

  it('"no such container" names the engine it asked', () => {
    const r = cli('inspect', 'no-such-container-xyz');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no such container: no-such-container-xyz (on ${dockerEndpoint()}`);
  });

  it('engine endpoints: unknown context, unsupported scheme, contexts under $DOCKER_CONFIG', () => {
    const unknown = cliEnv({ DOCKER_CONTEXT: 'nsi-no-such-context' }, 'ls');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/context "nsi-no-such-context" not found/);
    const npipe = cliEnv({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' }, 'map', '--json');
    expect(npipe.code).toBe(3);
    expect(npipe.stderr).toMatch(/unsupported engine endpoint npipe:/);
    expect(npipe.stderr).not.toMatch(/internal error/);
    // A context as `docker context create` writes it, in a config directory of its own.
    const dir = mkdtempSync(join(tmpdir(), 'nsi-dcfg-'));
    try {
      const meta = join(dir, 'contexts/meta', createHash('sha256').update('nsi-ctx').digest('hex'));
      mkdirSync(meta, { recursive: true });
      writeFileSync(
        join(meta, 'meta.json'),
        JSON.stringify({ Name: 'nsi-ctx', Endpoints: { docker: { Host: 'unix:///var/run/docker.sock' } } }),
      );
      const env = { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'nsi-ctx' };
      expect(
        tryRun(['env', `DOCKER_CONFIG=${dir}`, 'DOCKER_CONTEXT=nsi-ctx', 'docker', 'context', 'inspect', '--format', '{{.Name}}']).code,
        'the docker CLI reads the same context',
      ).toBe(0);
      const r = cliEnv(env, 'ls', '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).engine).toMatchObject({
        endpoint: 'unix:///var/run/docker.sock',
        source: 'DOCKER_CONTEXT',
        why: expect.stringContaining('nsi-ctx'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader that stops early (| head) ends the CLI quietly with exit 0', async () => {
    // Closing the pipe before the answer is written makes the write fail with EPIPE every time.
    const child = spawn(process.execPath, [BIN, 'map', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // And as a shell pipeline: head's 100 bytes are the start of the JSON answer.
    const r = run([
      'bash',
      '-c',
      `set -o pipefail; '${process.execPath}' '${BIN}' map --json | head -c 100; echo; echo "status \${PIPESTATUS[0]}"`,
    ]);
    expect(r).toMatch(/^\{\n\s+"namespaces"/);
    expect(r).toMatch(/status 0\n$/);
  });

  it('an error after the engine was reached still exits at once: a helper image that is not there', async () => {
    const r = await cliAsync(
      { boundMs: 60_000 },
      'inspect',
      'host',
      '--access',
      'docker-helper',
      '--helper-image',
      'nsi-no-such-image:never',
    );
    expect(r.killed, 'the CLI had to be killed: it hung after its error').toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/helper image nsi-no-such-image:never is not on the engine/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  describeWithProxy();
});

/** Through a proxy in front of the real socket: what the CLI asks the engine, and a container that never answers. */
function describeWithProxy(): void {
  const stuckName = `nsi-stuck-${process.pid}`;
  let dir = '';
  let proxy: EngineProxy;
  let stuckId = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nsi-cliproxy-'));
    run(['chmod', '755', dir]);
    // The owner label keeps a concurrent run's sweep of ownerless fixtures away from it.
    const owner = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
    stuckId = docker('run', '-d', '--name', stuckName, '--label', LABEL, '--label', owner, IMAGE, 'sleep', '1000000');
    const stuckPaths = [stuckId, stuckName].map((ref) => new RegExp(`^GET (/v[\\d.]+)?/containers/${ref}/json[ ?]`));
    proxy = new EngineProxy(join(dir, 'docker.sock'), { stall: (line) => stuckPaths.some((re) => re.test(line)), mode: 0o666 });
    await proxy.up();
  });
  afterAll(async () => {
    await proxy?.down();
    tryRun(['docker', 'rm', '-f', stuckName]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const via = () => ({ DOCKER_HOST: proxy.url });
  const inspections = () => proxy.seen.filter((l) => /^GET (\/v[\d.]+)?\/containers\/[^/]+\/json/.test(l));

  it('compare and inspect ask the engine about their containers only, not every one', async () => {
    proxy.seen.length = 0;
    const r = await cliAsync({ env: via() }, 'compare', FIXTURES.a, FIXTURES.b, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(
      inspections()
        .map((l) => l.split(' ')[1]!.split('/')[2])
        .sort(),
    ).toEqual([FIXTURES.a, FIXTURES.b].sort());
    proxy.seen.length = 0;
    expect((await cliAsync({ env: via() }, 'map', '--json')).code).toBe(0);
    // map takes PIDs from /proc, not from inspections. Other test files start containers meanwhile,
    // and one whose cgroup is not there yet is inspected for its PID: none of the settled fixtures may be.
    const fixtureIds = new Set(Object.values(FIXTURES).map((n) => docker('inspect', '-f', '{{.Id}}', n).trim()));
    const inspected = inspections().map((l) => l.split(' ')[1]!.split('/').at(-2)!);
    expect(inspected.filter((id) => fixtureIds.has(id) || Object.values(FIXTURES).includes(id as never))).toEqual([]);
    expect(inspected.length).toBeLessThan(Object.values(FIXTURES).length);
  });

  it('a container whose inspection never answers: the rest works, and the answers name it', async () => {
    const pid = Number(docker('inspect', '-f', '{{.State.Pid}}', stuckId)); // through the real socket
    const ls = await cliAsync({ env: via() }, 'ls', '--json');
    expect(ls.killed, 'ls hung').toBe(false);
    expect(ls.code, ls.stderr).toBe(0);
    const out = JSON.parse(ls.stdout);
    expect(out.containers.find((c: any) => c.id === stuckId)).toMatchObject({ name: stuckName, pid });
    expect(out.containers.find((c: any) => c.name === FIXTURES.a).pid).toBe(containerPid(FIXTURES.a));
    expect(out.engine.notes).toEqual([
      expect.stringMatching(new RegExp(`the engine did not answer for container ${stuckName} \\(${stuckId.slice(0, 12)}\\) within 5 s`)),
    ]);
    expect(ls.ms).toBeLessThan(15_000);

    const human = await cliAsync({ env: via() }, 'ls');
    expect(human.stdout).toMatch(new RegExp(`note: the engine did not answer for container ${stuckName}`));

    const inspect = await cliAsync({ env: via() }, 'inspect', FIXTURES.a, '--json');
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.stdout).namespaces.find((n: any) => n.type === 'net').inode).toBe(nsInode(containerPid(FIXTURES.a), 'net'));

    const compare = await cliAsync({ env: via() }, 'compare', FIXTURES.a, FIXTURES.netShare, '--json');
    expect(compare.code, compare.stderr).toBe(0);
    expect(JSON.parse(compare.stdout).namespaces.find((n: any) => n.type === 'net').shared).toBe(true);

    // The map needs no inspection at all: the stuck container is in it, under its own name.
    const map = await cliAsync({ env: via() }, 'map', '--json');
    expect(map.code, map.stderr).toBe(0);
    const pidNs = JSON.parse(map.stdout).namespaces.find((n: any) => n.type === 'pid' && n.inode === nsInode(pid, 'pid'));
    expect(pidNs.containers).toEqual([{ id: stuckId, name: stuckName }]);

    const net = await cliAsync({ env: via() }, 'net', '--json');
    expect(net.code, net.stderr).toBe(0);
    expect(JSON.parse(net.stdout).netns.find((n: any) => n.inode === nsInode(pid, 'net')).containers).toEqual([
      { id: stuckId, name: stuckName },
    ]);

    const self = await cliAsync({ env: via() }, 'inspect', stuckName);
    expect(self.killed).toBe(false);
    expect(self.code).toBe(3);
    expect(self.stderr).toMatch(new RegExp(`the engine did not answer for container ${stuckName} within 5 s`));
  });

  it('as a docker-group user (nobody with the socket) whose helper image is missing: told to load it, and the CLI exits', async () => {
    const r = await cliAsync(
      { env: { ...via(), HOME: '/nonexistent' }, argv0: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], boundMs: 60_000 },
      'compare',
      FIXTURES.a,
      FIXTURES.b,
      '--helper-image',
      'nsi-no-such-image:never',
    );
    expect(r.killed, 'the CLI had to be killed: it hung after its error').toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no access backend can read/);
    expect(r.stderr).toMatch(/docker pull nsi-no-such-image:never|--helper-image/);
    expect(r.stderr).not.toMatch(/join the docker group/);
  });
}
