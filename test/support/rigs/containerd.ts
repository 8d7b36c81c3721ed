// A containerd of the tests' own (socket, root, state, config under /tmp/nsi-ctd; the CRI plugin
// off, so no CNI is needed) holding what a Kubernetes node and a nerdctl user would have: a pod
// sandbox in a netns made here, two containers joined to its net/ipc/uts and labelled as the
// kubelet labels them, and a plain container in the `default` namespace.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createConnection } from 'node:net';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildImage, IMAGE } from '../fixtures.js';
import { run, tryRun } from '../sh.js';

export const CTD_DIR = '/tmp/nsi-ctd';
export const CTD_SOCKET = `${CTD_DIR}/containerd.sock`;
const CONFIG = `${CTD_DIR}/config.toml`;
const PIDFILE = `${CTD_DIR}/containerd.pid`;
const OWNER = `${CTD_DIR}/owner`;
const IMAGE_TAR = `${CTD_DIR}/image.tar`;
/** The image as containerd names it after `docker save | ctr images import`. */
export const CTD_IMAGE = `docker.io/library/${IMAGE}`;
export const K8S_NS = 'k8s.io';
export const NERDCTL_NS = 'default';
/** ctr keeps every container's cgroup under this parent, removed afterwards. */
const CGROUP_PARENT = 'nsi-ctd';

export const POD = { name: 'web-7f9', namespace: 'shop', uid: '5e1f0c2a-nsi-ctd-pod1', netns: 'nsi-ctd-pod1', hostname: 'web-7f9' };
export const CTD = {
  sandbox: 'nsi-ctd-web-sandbox',
  app: 'nsi-ctd-web-app',
  sidecar: 'nsi-ctd-web-log',
  solo: 'nsi-ctd-solo',
} as const;
export const FILE_IN_APP = '/nsi-ctd-app.txt';

/** Why the rig cannot run here, or null. */
export function containerdMissing(): string | null {
  if (process.getuid?.() !== 0) return 'not root: containerd and its namespaces need root';
  for (const bin of ['containerd', 'ctr', 'ip', 'nsenter']) {
    if (tryRun(['sh', '-c', `command -v ${bin}`]).code !== 0)
      return `${bin} is not installed (apt-get install containerd iproute2 util-linux)`;
  }
  return null;
}

export const ctr = (ns: string, ...args: string[]) => run(['ctr', '-a', CTD_SOCKET, '-n', ns, ...args]).trim();
const tryCtr = (ns: string, ...args: string[]) => tryRun(['ctr', '-a', CTD_SOCKET, '-n', ns, ...args]);

/** The PID of a container's task, as `ctr tasks ls` lists it (an independent source). */
export function ctrTaskPid(ns: string, id: string): number {
  const row = ctr(ns, 'tasks', 'ls')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .find((r) => r[0] === id);
  if (!row) throw new Error(`no task ${id} in ${ns}`);
  return Number(row[1]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => existsSync(`/proc/${pid}`);

/** The containerd started from our config, if its pidfile names one still running. */
function ourContainerd(): number | null {
  try {
    const pid = Number(readFileSync(PIDFILE, 'utf8'));
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes(CONFIG) ? pid : null;
  } catch {
    return null;
  }
}

function writeConfig(): void {
  const adjusted = run(['containerd', 'config', 'default'])
    .replace(/^disabled_plugins = \[\]/m, 'disabled_plugins = ["io.containerd.grpc.v1.cri"]')
    .replace(/^root = .*$/m, `root = "${CTD_DIR}/root"`)
    .replace(/^state = .*$/m, `state = "${CTD_DIR}/state"`)
    .replace(/address = "\/run\/containerd\/containerd\.sock"/, `address = "${CTD_SOCKET}"`)
    .replace(/path = "\/opt\/containerd"/, `path = "${CTD_DIR}/opt"`);
  if (!adjusted.includes(CTD_SOCKET) || !adjusted.includes('io.containerd.grpc.v1.cri"]'))
    throw new Error('containerd config default changed shape');
  writeFileSync(CONFIG, adjusted);
}

/** containerd 1.6's shims put their sockets here whatever the config; Docker's own containerd's shims too. */
const SHIM_SOCKETS = '/run/containerd/s';

/** A shim's socket, as containerd 1.6 names it: sha256 of its containerd's address, namespace and container. */
const shimSocket = (ns: string, id: string) => `${SHIM_SOCKETS}/${createHash('sha256').update(`${CTD_SOCKET}/${ns}/${id}`).digest('hex')}`;

/** Whether something still listens on a unix socket. */
function listening(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * The sockets of our own tasks' shims, once those have exited: a shim killed with containerd
 * leaves its socket behind. Only ours, by name: the directory is shared with other engines' shims.
 */
async function removeShimSockets(tasks: Array<[string, string]>): Promise<void> {
  const paths = tasks.map(([ns, id]) => shimSocket(ns, id)).filter((p) => existsSync(p));
  for (let i = 0; i < 100 && paths.length; i++) {
    const live = await Promise.all(paths.map(listening));
    if (!live.some(Boolean)) break;
    await sleep(50);
  }
  for (const p of paths) if (!(await listening(p))) rmSync(p, { force: true });
}

export class ContainerdRig {
  private containerd: number | null = null;
  sandboxPid = 0;

  /** Starts containerd (sweeping what a killed run left), imports the image and creates the containers. */
  async start(): Promise<void> {
    buildImage();
    await this.sweepLeftovers();
    mkdirSync(CTD_DIR, { recursive: true });
    writeFileSync(OWNER, String(process.pid));
    writeConfig();
    await this.startDaemon();
    run(['docker', 'save', '-o', IMAGE_TAR, IMAGE]);
    for (const ns of [K8S_NS, NERDCTL_NS]) this.importImage(ns);

    run(['ip', 'netns', 'add', POD.netns]);
    const podLabels = [
      `io.kubernetes.pod.name=${POD.name}`,
      `io.kubernetes.pod.namespace=${POD.namespace}`,
      `io.kubernetes.pod.uid=${POD.uid}`,
    ].flatMap((l) => ['--label', l]);
    const netns = `network:/var/run/netns/${POD.netns}`;
    this.runCtr(K8S_NS, CTD.sandbox, ['--with-ns', netns, ...podLabels, '--label', 'io.cri-containerd.kind=sandbox']);
    this.sandboxPid = ctrTaskPid(K8S_NS, CTD.sandbox);
    // The pod's hostname, set from the host as the CRI plugin sets it in the sandbox's uts namespace.
    run(['nsenter', '-t', String(this.sandboxPid), '-u', 'hostname', POD.hostname]);
    const joined = [
      '--with-ns',
      netns,
      '--with-ns',
      `ipc:/proc/${this.sandboxPid}/ns/ipc`,
      '--with-ns',
      `uts:/proc/${this.sandboxPid}/ns/uts`,
    ];
    for (const [id, name] of [
      [CTD.app, 'app'],
      [CTD.sidecar, 'log'],
    ] as const) {
      this.runCtr(K8S_NS, id, [
        ...joined,
        ...podLabels,
        '--label',
        'io.cri-containerd.kind=container',
        '--label',
        `io.kubernetes.container.name=${name}`,
      ]);
    }
    this.runCtr(NERDCTL_NS, CTD.solo, ['--label', `nerdctl/name=${CTD.solo}`]);
    ctr(
      K8S_NS,
      'tasks',
      'exec',
      '--fifo-dir',
      `${CTD_DIR}/fifo`,
      '--exec-id',
      'nsi-ctd-write',
      CTD.app,
      'sh',
      '-c',
      `echo pod-file > ${FILE_IN_APP}`,
    );
  }

  /** The test image into a containerd namespace (from the rig's saved copy, removed with the dirs). */
  importImage(ns: string): void {
    ctr(ns, 'images', 'import', IMAGE_TAR);
  }

  /** `ctr run -d` with our runc root, cgroup parent and no FIFOs (nothing of ours under /run/containerd). */
  runCtr(ns: string, id: string, flags: string[], cmd: string[] = ['sleep', '1000000']): void {
    ctr(
      ns,
      'run',
      '-d',
      '--null-io',
      '--fifo-dir',
      `${CTD_DIR}/fifo`,
      '--runc-root',
      `${CTD_DIR}/runc`,
      '--cgroup',
      `/${CGROUP_PARENT}/${id}`,
      ...flags,
      CTD_IMAGE,
      id,
      ...cmd,
    );
  }

  async startDaemon(): Promise<void> {
    const log = openSync(`${CTD_DIR}/containerd.log`, 'a');
    try {
      const child = spawn('containerd', ['--config', CONFIG], { detached: true, stdio: ['ignore', log, log] });
      child.unref();
      this.containerd = child.pid!;
      writeFileSync(PIDFILE, String(child.pid));
    } finally {
      closeSync(log);
    }
    for (let i = 0; i < 200; i++) {
      if (tryRun(['ctr', '-a', CTD_SOCKET, 'version']).code === 0) return;
      if (!alive(this.containerd)) break;
      await sleep(50);
    }
    throw new Error(`containerd did not start: ${readFileSync(`${CTD_DIR}/containerd.log`, 'utf8').split('\n').slice(-5).join('\n')}`);
  }

  /** containerd alone goes away (its shims and tasks stay, as when it is restarted on a node). */
  async stopDaemon(): Promise<void> {
    const pid = this.containerd;
    if (pid === null) return;
    tryRun(['kill', '-TERM', String(pid)]);
    for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
    this.containerd = null;
  }

  /** A dead run's rig: its containerd is started again on the same dirs, so that its tasks can be removed. */
  private async sweepLeftovers(): Promise<void> {
    if (!existsSync(CTD_DIR)) return;
    const owner = Number(existsSync(OWNER) ? readFileSync(OWNER, 'utf8') : 0);
    if (owner && owner !== process.pid && alive(owner)) throw new Error(`${CTD_DIR} belongs to a running test (pid ${owner})`);
    this.containerd = ourContainerd();
    if (this.containerd === null && existsSync(CONFIG)) await this.startDaemon().catch(() => undefined);
    await this.stop();
  }

  /** Everything, in order, also after a partial start: tasks, containers, containerd, netns, cgroups, dirs. */
  async stop(): Promise<void> {
    const errors: string[] = [];
    const seen: Array<[string, string]> = [];
    const pid = this.containerd ?? ourContainerd();
    if (pid !== null && tryRun(['ctr', '-a', CTD_SOCKET, 'version']).code === 0) {
      for (const ns of tryCtr('default', 'namespaces', 'ls', '-q').stdout.split('\n').filter(Boolean)) {
        const tasks = tryCtr(ns, 'tasks', 'ls', '-q').stdout.split('\n').filter(Boolean);
        for (const t of tasks) tryCtr(ns, 'tasks', 'kill', '-a', '-s', 'SIGKILL', t);
        for (const t of tasks) {
          for (
            let i = 0;
            i < 100 &&
            !/STOPPED|not found/i.test(
              tryCtr(ns, 'tasks', 'ls')
                .stdout.split('\n')
                .find((l) => l.startsWith(`${t} `)) ?? 'not found',
            );
            i++
          )
            await sleep(50);
          tryCtr(ns, 'tasks', 'delete', '-f', t);
        }
        for (const c of tryCtr(ns, 'containers', 'ls', '-q').stdout.split('\n').filter(Boolean)) {
          seen.push([ns, c]);
          const r = tryCtr(ns, 'containers', 'delete', c);
          if (r.code !== 0) errors.push(`ctr -n ${ns} containers delete ${c}: ${r.stderr.trim()}`);
        }
      }
    }
    if (pid !== null) {
      tryRun(['kill', '-TERM', String(pid)]);
      for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
      if (alive(pid)) tryRun(['kill', '-KILL', String(pid)]);
    }
    this.containerd = null;
    // Mounts a killed shim left (rootfs overlays), deepest first.
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '')
      .filter((m) => m.startsWith(`${CTD_DIR}/`))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) tryRun(['umount', '-l', m]);
    if (existsSync(`/var/run/netns/${POD.netns}`)) tryRun(['ip', 'netns', 'delete', POD.netns]);
    for (const ctl of existsSync('/sys/fs/cgroup') ? readdirSync('/sys/fs/cgroup') : []) {
      const parent = `/sys/fs/cgroup/${ctl}/${CGROUP_PARENT}`;
      if (!existsSync(parent)) continue;
      for (const child of readdirSync(parent, { withFileTypes: true }))
        if (child.isDirectory()) tryRun(['rmdir', `${parent}/${child.name}`]);
      tryRun(['rmdir', parent]);
    }
    rmSync(CTD_DIR, { recursive: true, force: true });
    await removeShimSockets(seen);
    if (errors.length) throw new Error(errors.join('\n'));
  }
}
