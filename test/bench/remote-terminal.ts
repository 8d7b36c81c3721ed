// The remote part of the terminal bench (issue 11 §2): a shell's throughput and key echo through
// the ssh rig (sshd on loopback, the system ssh client, one master connection), the shell
// running in the docker-helper on the "remote" engine. Called from terminal.ts.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellOpenRequest } from '../../shared/api/shell.js';
import { Backends } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { SshTransport, sshTransport } from '../../electron/core/engine/ssh.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { IMAGE } from '../support/fixtures.js';
import { docker, tryRun } from '../support/sh.js';
import { sshRigUnavailable, startSshRig } from '../support/rigs/sshd.js';
import { echo, producer, throughSession } from './terminal.js';

export interface RemoteTerminalFigures {
  remoteThroughputMBps: number;
  remoteEchoP50Ms: number;
  remoteEchoP99Ms: number;
  /** What a request costs over ssh, medians: a new master (a full handshake), a request on a
   * channel of its own (a remote `docker` start, as an exec takes), one on a pooled channel. */
  remoteSshHandshakeMs: number;
  remoteSshChannelRequestMs: number;
  remoteSshPooledRequestMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sshCosts(
  url: string,
): Promise<Pick<RemoteTerminalFigures, 'remoteSshHandshakeMs' | 'remoteSshChannelRequestMs' | 'remoteSshPooledRequestMs'>> {
  const http = await import('node:http');
  const ping = (agent: import('node:http').Agent) =>
    new Promise<void>((resolve, reject) => {
      const r = http.request({ host: 'docker', path: '/_ping', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      r.on('error', reject);
      r.end();
    });
  const t = new SshTransport(url);
  const time = async (f: () => Promise<unknown>) => {
    const s = performance.now();
    await f();
    return performance.now() - s;
  };
  try {
    const handshakes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.exit();
      handshakes.push(await time(() => t.ensureMaster()));
    }
    const own: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = new http.Agent({ keepAlive: false });
      (a as unknown as { createConnection: unknown }).createConnection = (_o: unknown, cb: (e: Error | null, s?: unknown) => void) =>
        void t.connect().then((c) => cb(null, c), cb);
      own.push(await time(() => ping(a)));
      a.destroy();
    }
    const pooled = t.agent();
    await ping(pooled);
    const reused: number[] = [];
    for (let i = 0; i < 20; i++) reused.push(await time(() => ping(pooled)));
    return {
      remoteSshHandshakeMs: round(median(handshakes)),
      remoteSshChannelRequestMs: round(median(own)),
      remoteSshPooledRequestMs: round(median(reused)),
    };
  } finally {
    await t.exit();
  }
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchRemoteTerminal(opts: { sizeMB: number }): Promise<Partial<RemoteTerminalFigures>> {
  const why = sshRigUnavailable();
  if (why) {
    log(`terminal: remote figures skipped: ${why}`);
    return {};
  }
  const rig = await startSshRig();
  const name = `nsi-bench-rterm-${process.pid}`;
  // This process (root) uses the rig's key and known_hosts through a wrapper, as the rig's local
  // user would through its ~/.ssh (ssh takes the home from passwd, not $HOME).
  const wrapper = join(rig.dir, 'ssh-as-root');
  const ssh = join(rig.home, '.ssh');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ssh -F /dev/null -o IdentitiesOnly=yes -o IdentityFile=${ssh}/id_ed25519 -o UserKnownHostsFile=${ssh}/known_hosts "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const before = process.env.NSINSPECT_SSH;
  process.env.NSINSPECT_SSH = wrapper;
  tryRun(['docker', 'rm', '-f', name]);
  docker('run', '-d', '--name', name, '--label', `io.nsinspect.bench=${process.pid}`, IMAGE, 'sleep', '1000000');
  const engine = new Engine({ url: rig.url, source: 'option', reason: 'the bench ssh rig' });
  const backends = new Backends(engine, IMAGE);
  const m = new ShellManager({ engine, backends });
  try {
    await engine.start();
    const bytes = Math.round(opts.sizeMB * 1e6);
    const req: ShellOpenRequest = {
      container: name,
      kind: 'nsenter',
      namespaces: ['mnt'],
      unconfined: true,
      command: producer(bytes),
      cols: 120,
      rows: 40,
      access: 'docker-helper',
    };
    await throughSession(m, { ...req, command: producer(1e6) }, 1e6); // warm up: the helper started
    const remoteThroughputMBps = round(await throughSession(m, req, bytes));
    log(`terminal: remote (ssh, docker-helper) ${remoteThroughputMBps} MB/s`);
    const e = await echo(m, name, 300, 'docker-helper');
    log(`terminal: remote echo p50 ${round(e.p50)} ms, p99 ${round(e.p99)} ms`);
    const costs = await sshCosts(rig.url);
    log(
      `terminal: ssh handshake ${costs.remoteSshHandshakeMs} ms, request on its own channel ${costs.remoteSshChannelRequestMs} ms, on a pooled one ${costs.remoteSshPooledRequestMs} ms`,
    );
    return { remoteThroughputMBps, remoteEchoP50Ms: round(e.p50), remoteEchoP99Ms: round(e.p99), ...costs };
  } finally {
    await m.dispose();
    await backends.close();
    await engine.stop();
    await sshTransport(rig.url).exit();
    if (before === undefined) delete process.env.NSINSPECT_SSH;
    else process.env.NSINSPECT_SSH = before;
    tryRun(['docker', 'rm', '-f', name]);
    rig.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchRemoteTerminal({ sizeMB: Number(process.argv[2] ?? 20) });
  process.stdout.write(`${JSON.stringify({ terminal: r })}\n`);
}
