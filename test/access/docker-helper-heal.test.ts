// A docker-helper container removed mid-session (`docker rm -f`, as an admin cleaning up would):
// its open terminal ends with the reason, Settings stops saying "ready" while it is dead, a new
// helper is started by itself, and the next comparison works within seconds with no user action
// (issue 12 §3, "A dead docker-helper breaks the app for good").
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccessController } from '../../electron/core/access/controller.js';
import { HELPER_LABEL } from '../../electron/core/access/docker-helper.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { containerPid, docker, nsInode, tryRun } from '../support/sh.js';
import { Collector } from '../shell/rig.js';

/** Our helper containers (this process's), as the engine lists them. */
function myHelpers(): string[] {
  return docker('ps', '-q', '--no-trunc', '--filter', `label=${HELPER_LABEL}`, '--filter', `label=io.nsinspect.helper.owner`)
    .split('\n')
    .filter(Boolean)
    .filter((id) => docker('inspect', '-f', '{{index .Config.Labels "io.nsinspect.helper.owner"}}', id).endsWith(`:${process.pid}`));
}

describeWithEngine('a dead docker-helper heals', () => {
  let engine: Engine;
  let controller: AccessController;
  let service: NsInspectService;
  let shells: ShellManager;
  beforeAll(async () => {
    engine = new Engine();
    controller = new AccessController({ engine, initial: { access: 'docker-helper', helperImage: IMAGE } });
    service = new NsInspectService(engine, controller.access);
    controller.on('switched', () => service.resetProbe());
    shells = new ShellManager({ engine, backends: controller.backends });
    controller.attach(shells);
    await controller.ready();
  });
  afterAll(async () => {
    await shells?.closeAll();
    await service?.close();
    await controller?.close();
    for (const id of myHelpers()) tryRun(['docker', 'rm', '-f', id]);
  });

  it('docker rm -f the helper: the terminal ends with a reason, Settings is not "ready" meanwhile, the next compare works', async () => {
    expect(controller.state().status).toMatchObject({ state: 'ready', kind: 'docker-helper' });
    expect((await service.compare(FIXTURES.a, FIXTURES.b)).a.access).toBe('docker-helper');
    const col = new Collector(shells);
    const s = await shells.open({
      container: FIXTURES.a,
      kind: 'nsenter',
      namespaces: ['net'],
      command: ['sleep', '1000'],
      cols: 80,
      rows: 24,
    });
    expect(s.access).toBe('docker-helper');
    const [first] = myHelpers();
    expect(first).toBeTruthy();

    const states: string[] = [];
    controller.on('state', (st) => states.push(st.status.state));
    docker('rm', '-f', first!);
    const removedAt = Date.now();

    const end = await col.end(s.id, 10_000);
    expect(end).toEqual({
      reason: 'error',
      message: expect.stringMatching(/docker-helper container \S+ was removed.*open the terminal again/),
      id: 'shell.docker-helper-died',
      params: { name: expect.any(String), detail: 'was removed' },
    });
    // Never "ready" between the death and the new helper.
    await waitFor('Settings to say ready again', () => controller.state().status.state === 'ready' && states.length >= 2, 15_000);
    expect(states[0]).toBe('starting');
    expect(states.at(-1)).toBe('ready');

    // No user action: the next comparison is answered through a new helper, and agrees with readlink.
    const c = await service.compare(FIXTURES.a, FIXTURES.b);
    const healedMs = Date.now() - removedAt;
    // About half a second on an idle machine; the bound leaves room for a loaded CI host.
    expect(healedMs).toBeLessThan(15_000);
    expect(c.a.access).toBe('docker-helper');
    for (const t of ['net', 'pid', 'mnt'])
      expect(c.a.namespaces.find((n) => n.type === t)?.inode, t).toBe(nsInode(containerPid(FIXTURES.a), t));
    const now = myHelpers();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first);
    // A terminal through the new helper works.
    const again = await shells.open({
      container: FIXTURES.a,
      kind: 'nsenter',
      namespaces: ['net'],
      command: ['echo', 'back'],
      cols: 80,
      rows: 24,
    });
    await col.waitFor(again.id, (t) => t.includes('back'));
    console.log(`[docker-helper-heal] compare answered ${healedMs} ms after docker rm -f of the helper`);
  });
});
