import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE } from '../fixtures.js';
import { run, tryRun } from '../sh.js';
import { freePort } from './sshd.js';

/**
 * A second, TLS-protected dockerd on a loopback port, with certificates the test makes (openssl:
 * a CA, a server certificate for IP:127.0.0.1, a client certificate) and, as the rule for a second
 * daemon says, its own data root, exec root, pidfile, unix socket, containerd namespaces and its
 * OWN bridge (never --bridge none, which would delete the host's docker0). stop() removes it all.
 */

// Per process, like the rig's directory, so that runs side by side do not take each other's bridge.
export const BRIDGE = `nsirembr${process.pid}`.slice(0, 15);
const BRIDGE_ADDR = `10.213.${process.pid % 250}.1/24`;

export interface TlsRig {
  dir: string;
  port: number;
  url: string;
  /** ca.pem, cert.pem, key.pem for the client (DOCKER_CERT_PATH). */
  certDir: string;
  /** The same client certificate, but a ca.pem of another CA: the daemon must be refused. */
  wrongCaDir: string;
  /** The daemon's own unix socket, for the test's independent `docker -H` calls. */
  socket: string;
  docker(...args: string[]): string;
  dockerd: ChildProcess;
  log(): string;
  stop(): void;
}

export function tlsRigUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: the rig starts a dockerd and a bridge';
  for (const p of ['/usr/bin/openssl', '/usr/sbin/dockerd', '/usr/bin/docker'])
    if (!existsSync(p) && !existsSync(p.replace('/usr/sbin/', '/usr/bin/'))) return `${p} is missing`;
  if (tryRun(['ip', '-V']).code !== 0) return 'iproute2 (ip) is missing';
  return null;
}

function makeCerts(dir: string): { ca: string; server: string; client: string; otherCa: string } {
  const ssl = (...args: string[]) => run(['openssl', ...args]);
  const ca = join(dir, 'ca');
  const otherCa = join(dir, 'other-ca');
  for (const d of [ca, otherCa]) {
    mkdirSync(d);
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=nsi-rem test ${d.endsWith('other-ca') ? 'other ' : ''}CA`,
      '-keyout',
      join(d, 'ca-key.pem'),
      '-out',
      join(d, 'ca.pem'),
    );
  }
  const issue = (name: string, ext: string) => {
    const d = join(dir, name);
    mkdirSync(d);
    writeFileSync(join(d, 'ext.cnf'), ext);
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=nsi-rem ${name}`, '-keyout', join(d, 'key.pem'), '-out', join(d, 'req.csr'));
    ssl(
      'x509',
      '-req',
      '-in',
      join(d, 'req.csr'),
      '-CA',
      join(ca, 'ca.pem'),
      '-CAkey',
      join(ca, 'ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      join(d, 'ext.cnf'),
      '-out',
      join(d, 'cert.pem'),
    );
    copyFileSync(join(ca, 'ca.pem'), join(d, 'ca.pem'));
    return d;
  };
  const server = issue('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const client = issue('client', 'extendedKeyUsage=clientAuth\n');
  return { ca, server, client, otherCa };
}

export async function startTlsRig(): Promise<TlsRig> {
  const dir = `/tmp/nsi-rem-tls-${process.pid}`;
  const socket = join(dir, 'docker.sock');
  const cleanup: Array<() => void> = [];
  const stop = () => {
    for (const f of cleanup.splice(0).reverse()) {
      try {
        f();
      } catch {
        /* the rest still runs */
      }
    }
  };
  process.once('exit', stop);
  const log = () => (existsSync(join(dir, 'dockerd.log')) ? readFileSync(join(dir, 'dockerd.log'), 'utf8') : '');
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const certs = makeCerts(dir);
    const wrongCaDir = join(dir, 'client-wrong-ca');
    mkdirSync(wrongCaDir);
    for (const f of ['cert.pem', 'key.pem']) copyFileSync(join(certs.client, f), join(wrongCaDir, f));
    copyFileSync(join(certs.otherCa, 'ca.pem'), join(wrongCaDir, 'ca.pem'));

    tryRun(['ip', 'link', 'del', BRIDGE]);
    run(['ip', 'link', 'add', BRIDGE, 'type', 'bridge']);
    cleanup.push(() => void tryRun(['ip', 'link', 'del', BRIDGE]));
    run(['ip', 'addr', 'add', BRIDGE_ADDR, 'dev', BRIDGE]);
    run(['ip', 'link', 'set', BRIDGE, 'up']);

    const port = await freePort(23000, 23999);
    const logFd = openSync(join(dir, 'dockerd.log'), 'a');
    // Its own (empty) config: /etc/docker/daemon.json may set what these flags set.
    writeFileSync(join(dir, 'daemon.json'), '{}');
    const dockerd = spawn(
      'dockerd',
      [
        '--data-root',
        join(dir, 'data'),
        '--exec-root',
        join(dir, 'exec'),
        '--pidfile',
        join(dir, 'docker.pid'),
        '-H',
        `unix://${socket}`,
        '-H',
        `tcp://127.0.0.1:${port}`,
        '--tlsverify',
        '--tlscacert',
        join(certs.server, 'ca.pem'),
        '--tlscert',
        join(certs.server, 'cert.pem'),
        '--tlskey',
        join(certs.server, 'key.pem'),
        '-b',
        BRIDGE,
        '--iptables=false',
        '--ip-forward=false',
        '--containerd-namespace',
        'nsi-rem-moby',
        '--containerd-plugins-namespace',
        'nsi-rem-plugins',
        '--config-file',
        join(dir, 'daemon.json'),
      ],
      // A file, not a pipe: the test does not read while it waits for a CLI run (spawnSync).
      { stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    const docker = (...args: string[]) => run(['docker', '-H', `unix://${socket}`, ...args]).trim();
    cleanup.push(() => {
      // Its containers first, while it runs, then the daemon; a daemon that does not stop is killed.
      const ids = tryRun(['docker', '-H', `unix://${socket}`, 'ps', '-aq'])
        .stdout.split('\n')
        .filter(Boolean);
      if (ids.length) tryRun(['docker', '-H', `unix://${socket}`, 'rm', '-f', '-v', ...ids]);
      if (dockerd.exitCode === null) {
        dockerd.kill('SIGTERM');
        for (let i = 0; i < 100 && dockerd.exitCode === null && existsSync(`/proc/${dockerd.pid}`); i++) run(['sleep', '0.1']);
        if (existsSync(`/proc/${dockerd.pid}`)) dockerd.kill('SIGKILL');
      }
      // Mounts it may have left (netns files, overlay layers) before the directory goes.
      const mounts = tryRun(['sh', '-c', `grep -o ' ${dir}/[^ ]*' /proc/self/mounts | sort -r`])
        .stdout.split('\n')
        .map((m) => m.trim())
        .filter(Boolean);
      for (const m of mounts) tryRun(['umount', '-l', m]);
    });
    const until = Date.now() + 60_000;
    while (tryRun(['docker', '-H', `unix://${socket}`, 'version', '--format', '{{.Server.Version}}']).code !== 0) {
      if (dockerd.exitCode !== null || Date.now() > until) throw new Error(`the TLS dockerd did not start:\n${log().slice(-3000)}`);
      run(['sleep', '0.2']);
    }
    // The image the test containers and the helper use, from the host's engine (no registry here).
    run(['sh', '-c', `docker save ${IMAGE} | docker -H unix://${socket} load`]);
    return {
      dir,
      port,
      url: `tcp://127.0.0.1:${port}`,
      certDir: certs.client,
      wrongCaDir,
      socket,
      docker,
      dockerd,
      log,
      stop,
    };
  } catch (e) {
    stop();
    throw new Error(`${(e as Error).message}\n${log().slice(-2000)}`, { cause: e });
  }
}
