import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY } from '../support/fixtures.js';
import { docker, run, tryRun } from '../support/sh.js';

// Issue 9 §7: `where` on a stopped container answers from the engine's layer directories, and
// a path that is not there exits non-zero. The independent sources: docker inspect's
// GraphDriver data and the files on disk.

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const NAME = `nsi-rem-where-${process.pid}`;
const OWNER = `${LABEL_KEY}.owner=${process.pid}`;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithEngine('where on a stopped container, and on a file that is not there', () => {
  let vol = '';
  let upper = '';
  let lowers: string[] = [];

  beforeAll(() => {
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
    vol = mkdtempSync(join(tmpdir(), 'nsi-rem-vol-'));
    writeFileSync(join(vol, 'data.txt'), 'on the volume\n');
    tryRun(['docker', 'rm', '-f', NAME]);
    docker('run', '-d', '--name', NAME, '--label', LABEL, '--label', OWNER, '-v', `${vol}:/vol`, IMAGE, 'sleep', '1000000');
    docker('exec', NAME, 'sh', '-c', 'mkdir -p /srv && echo written-before-stop > /srv/own.txt && rm /bin/wc');
    docker('stop', '-t', '0', NAME);
    upper = docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', NAME);
    lowers = docker('inspect', '-f', '{{.GraphDriver.Data.LowerDir}}', NAME).split(':');
  });

  afterAll(() => {
    tryRun(['docker', 'rm', '-f', '-v', NAME]);
    rmSync(vol, { recursive: true, force: true });
  });

  it('finds a file of its own upper layer, at the UpperDir docker inspect gives, and readable there', () => {
    expect(docker('inspect', '-f', '{{.State.Running}}', NAME)).toBe('false');
    const r = cli('where', NAME, '/srv/own.txt', '--json');
    expect(r.code, r.stderr).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l).toMatchObject({ exists: true, layer: 'upper', hostPath: `${upper}/srv/own.txt`, procPath: '' });
    expect(readFileSync(l.hostPath, 'utf8')).toBe('written-before-stop\n');
    expect(l.note).toMatch(/not running/);
  });

  it('finds an image file in a lower layer that docker inspect lists', () => {
    const l = JSON.parse(cli('where', NAME, '/bin/busybox', '--json').stdout);
    expect(l.layer).toBe('lower');
    expect(lowers).toContain(l.hostPath.replace(/\/bin\/busybox$/, ''));
    expect(existsSync(l.hostPath)).toBe(true);
  });

  it('a file deleted in the container is a whiteout in the upper layer: exit 1', () => {
    const r = cli('where', NAME, '/bin/wc', '--json');
    expect(r.code).toBe(1);
    const l = JSON.parse(r.stdout);
    expect(l).toMatchObject({ whiteout: true, exists: false, hostPath: `${upper}/bin/wc` });
  });

  it('a path on a volume is the volume source on the host', () => {
    const l = JSON.parse(cli('where', NAME, '/vol/data.txt', '--json').stdout);
    expect(l).toMatchObject({ layer: 'mount', exists: true, hostPath: join(vol, 'data.txt') });
    expect(readFileSync(l.hostPath, 'utf8')).toBe('on the volume\n');
  });

  it('a file that does not exist exits 1, stopped or running, and says so', () => {
    const stopped = cli('where', NAME, '/no/such/file');
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/does not exist/);
    docker('start', NAME);
    try {
      const running = cli('where', NAME, '/no/such/file');
      expect(running.code).toBe(1);
      expect(running.stdout + running.stderr).toMatch(/does not exist/);
      const there = cli('where', NAME, '/srv/own.txt');
      expect(there.code, there.stderr).toBe(0);
      expect(there.stdout).toContain(`${upper}/srv/own.txt`);
    } finally {
      docker('stop', '-t', '0', NAME);
    }
  });
});
