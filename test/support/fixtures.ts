import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, run, tryRun } from './sh.js';

export const IMAGE = 'nsinspect-test:busybox';
export const PREFIX = 'nsi-fx-';
export const NETWORK = `${PREFIX}net`;
export const LABEL = 'io.nsinspect.test=fixture';

/**
 * The fixture containers: one per sharing case the tutorial and lsns care about.
 * Names are fixed so any test can find them; each runs `sleep` forever.
 */
export const FIXTURES = {
  a: `${PREFIX}a`, // plain, --hostname fx-a, holds /thangtq.txt in its upper layer
  b: `${PREFIX}b`, // plain, from the same image
  netShare: `${PREFIX}netshare`, // --network container:a
  pidHost: `${PREFIX}pidhost`, // --pid host
  ipcOwner: `${PREFIX}ipcowner`, // --ipc shareable, holds SysV objects and a POSIX queue
  ipcJoin: `${PREFIX}ipcjoin`, // --ipc container:ipcowner
  utsHost: `${PREFIX}utshost`, // --uts host
  bridged: `${PREFIX}bridged`, // on the user-defined bridge network
  noNet: `${PREFIX}nonet`, // --network none
  stopped: `${PREFIX}stopped`, // created, exited
} as const;

export const FILE_IN_A = '/thangtq.txt';

function buildImage(): void {
  if (tryRun(['docker', 'image', 'inspect', IMAGE]).code === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'nsi-image-'));
  try {
    for (const d of ['bin', 'etc', 'tmp', 'root', 'dev', 'proc', 'sys']) mkdirSync(join(dir, d));
    const busybox = ['/bin/busybox', '/usr/bin/busybox'].find(existsSync);
    if (!busybox) throw new Error('busybox not found: apt-get install busybox-static');
    copyFileSync(busybox, join(dir, 'bin/busybox'));
    chmodSync(join(dir, 'bin/busybox'), 0o755);
    for (const applet of run([busybox, '--list']).split('\n').filter(Boolean)) {
      if (applet !== 'busybox' && !existsSync(join(dir, 'bin', applet))) symlinkSync('busybox', join(dir, 'bin', applet));
    }
    run(['cc', '-static', '-O2', '-o', join(dir, 'bin/ipcfix'), new URL('../fixtures/ipcfix.c', import.meta.url).pathname]);
    writeFileSync(join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    writeFileSync(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    const tar = run(['sh', '-c', `tar -C '${dir}' -c . | docker import -c 'CMD ["/bin/sh"]' - ${IMAGE}`]);
    void tar;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runFixture(name: string, flags: string[], cmd: string[] = ['sleep', '1000000']): void {
  docker('run', '-d', '--name', name, '--label', LABEL, ...flags, IMAGE, ...cmd);
}

export function removeFixtures(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) tryRun(['docker', 'rm', '-f', '-v', ...ids]);
  tryRun(['docker', 'network', 'rm', NETWORK]);
}

export function createFixtures(): void {
  buildImage();
  removeFixtures();
  docker('network', 'create', '--label', LABEL, NETWORK);
  runFixture(FIXTURES.a, ['--hostname', 'fx-a']);
  runFixture(FIXTURES.b, ['--hostname', 'fx-b']);
  runFixture(FIXTURES.netShare, ['--network', `container:${FIXTURES.a}`]);
  runFixture(FIXTURES.pidHost, ['--pid', 'host']);
  runFixture(FIXTURES.ipcOwner, ['--ipc', 'shareable'], ['/bin/ipcfix']);
  runFixture(FIXTURES.ipcJoin, ['--ipc', `container:${FIXTURES.ipcOwner}`]);
  runFixture(FIXTURES.utsHost, ['--uts', 'host']);
  runFixture(FIXTURES.bridged, ['--network', NETWORK]);
  runFixture(FIXTURES.noNet, ['--network', 'none']);
  docker('create', '--name', FIXTURES.stopped, '--label', LABEL, IMAGE, 'true');
  docker('exec', FIXTURES.a, 'sh', '-c', `echo tutorial > ${FILE_IN_A}`);
  // ipcfix prints "ready" once its objects exist.
  for (let i = 0; i < 50 && !docker('logs', FIXTURES.ipcOwner).includes('ready'); i++) run(['sleep', '0.1']);
}

