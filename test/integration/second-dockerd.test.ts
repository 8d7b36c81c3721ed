import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE, PREFIX } from '../support/fixtures.js';
import { secondDockerdUnavailable, startSecondDockerd, type SecondDockerd } from '../support/rigs/dockerd.js';
import { rigSkip } from '../support/rigs/skip.js';
import { nsInode, run, tryRun } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const NAME = `${PREFIX}eng-second`;
const HOSTNAME = 'nsi-eng-2nd';

const skip = rigSkip('a second dockerd', secondDockerdUnavailable());

(skip ? describe.skip : describe)('a second Docker engine through the host helper', () => {
  let rig: SecondDockerd;
  let pid: number;

  beforeAll(async () => {
    rig = await startSecondDockerd();
    rig.docker('run', '-d', '--name', NAME, '--hostname', HOSTNAME, ...rig.labels, IMAGE, 'sleep', '1000000');
    pid = Number(rig.docker('inspect', '-f', '{{.State.Pid}}', NAME));
  }, 180_000);
  afterAll(async () => {
    await rig?.stop();
    expect(spawnSync('ip', ['link', 'show', rig.bridge]).status).not.toBe(0);
    expect(spawnSync('ip', ['link', 'show', 'docker0']).status).toBe(0);
  }, 60_000);

  it("--access host-helper: net, uts and ipc come from the client's engine, which the system one does not know", () => {
    // Independent: the system engine has no such container.
    expect(tryRun(['docker', 'inspect', NAME]).code).not.toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'inspect', NAME, '--access', 'host-helper', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_HOST: `unix://${rig.socket}` },
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const i = JSON.parse(r.stdout);
    expect(i.engine.endpoint).toBe(`unix://${rig.socket}`);
    for (const n of i.namespaces) expect(n.inode, n.type).toBe(nsInode(pid, n.type));
    for (const s of ['net', 'uts', 'ipc']) expect(i[s].error, s).toBeUndefined();
    expect(i.uts.hostname).toBe(HOSTNAME);
    const eth0 = i.net.interfaces.find((x: { name: string }) => x.name === 'eth0');
    const peer = JSON.parse(run(['ip', '-j', 'link', 'show', 'master', rig.bridge])).map((l: { ifindex: number }) => l.ifindex);
    expect(peer).toContain(eth0.peer.ifindex);
    expect(eth0.peer.master).toBe(rig.bridge);
  });
});
