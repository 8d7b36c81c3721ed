import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, run, tryRun } from './sh.js';

export const IMAGE = 'nsinspect-test:busybox';

/**
 * Each test run gets its own fixtures, named with a run id that the global setup
 * puts in the environment before the workers start, so that runs on the same
 * machine (several developers, or a run and the bench) do not tear down each
 * other's containers. Outside a run (fixtures-cli) the id is "dev".
 */
export const RUN_ID = process.env.NSINSPECT_FIXTURE_RUN ?? 'dev';
export const PREFIX = RUN_ID === 'dev' ? 'nsi-fx-' : `nsi-fx${RUN_ID}-`;
export const NETWORK = `${PREFIX}net`;
export const LABEL_KEY = 'io.nsinspect.test';
export const LABEL = `${LABEL_KEY}=${RUN_ID}`;
/** The PID of the process that owns the fixtures: leftovers of dead owners are swept. */
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;

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

export function buildImage(): void {
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
  docker('run', '-d', '--name', name, '--label', LABEL, '--label', OWNER_LABEL, ...flags, IMAGE, ...cmd);
}

function removeByFilter(filter: string): void {
  const ids = docker('ps', '-aq', '--filter', filter).split('\n').filter(Boolean);
  if (ids.length) tryRun(['docker', 'rm', '-f', '-v', ...ids]);
  for (const net of docker('network', 'ls', '-q', '--filter', filter).split('\n').filter(Boolean)) tryRun(['docker', 'network', 'rm', net]);
}

export function removeFixtures(): void {
  removeByFilter(`label=${LABEL}`);
}

/** Fixtures whose owning process has gone (a run that was killed) are removed. */
function sweepLeftovers(): void {
  const dead = (rows: string) =>
    rows
      .split('\n')
      .filter(Boolean)
      .map((r) => r.split(' '))
      .filter(([, owner]) => !owner || !existsSync(`/proc/${owner}`))
      .map(([id]) => id!);
  const format = ['--format', `{{.ID}} {{.Label "${LABEL_KEY}.owner"}}`];
  const containers = dead(docker('ps', '-a', '--filter', `label=${LABEL_KEY}`, ...format));
  if (containers.length) tryRun(['docker', 'rm', '-f', '-v', ...containers]);
  for (const net of dead(docker('network', 'ls', '--filter', `label=${LABEL_KEY}`, ...format))) tryRun(['docker', 'network', 'rm', net]);
}

export function createFixtures(): void {
  buildImage();
  sweepLeftovers();
  removeFixtures();
  docker('network', 'create', '--label', LABEL, '--label', OWNER_LABEL, NETWORK);
  runFixture(FIXTURES.a, ['--hostname', 'fx-a']);
  runFixture(FIXTURES.b, ['--hostname', 'fx-b']);
  runFixture(FIXTURES.netShare, ['--network', `container:${FIXTURES.a}`]);
  runFixture(FIXTURES.pidHost, ['--pid', 'host']);
  runFixture(FIXTURES.ipcOwner, ['--ipc', 'shareable'], ['/bin/ipcfix']);
  runFixture(FIXTURES.ipcJoin, ['--ipc', `container:${FIXTURES.ipcOwner}`]);
  runFixture(FIXTURES.utsHost, ['--uts', 'host']);
  runFixture(FIXTURES.bridged, ['--network', NETWORK]);
  runFixture(FIXTURES.noNet, ['--network', 'none']);
  docker('create', '--name', FIXTURES.stopped, '--label', LABEL, '--label', OWNER_LABEL, IMAGE, 'true');
  docker('exec', FIXTURES.a, 'sh', '-c', `echo tutorial > ${FILE_IN_A}`);
  // ipcfix prints "ready" once its objects exist.
  for (let i = 0; i < 50 && !docker('logs', FIXTURES.ipcOwner).includes('ready'); i++) run(['sleep', '0.1']);
}
