// A graceful daemon stop and its return (issue 12 §3): while the engine is away its containers
// are kept, marked engineUnreachable, never reported removed; when it is back the engine state is
// connected within ~3 s and the list is reconciled with what the daemon says. Against a second
// dockerd started here (own data root, exec root, socket, bridge), stopped with SIGTERM.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccessController } from '../../electron/core/access/controller.js';
import { DirectAccess } from '../../electron/core/access/direct.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { RETRY_CAP_MS } from '../../electron/core/engine/reconnect.js';
import { NsInspectService } from '../../electron/core/service.js';
import type { Container, ContainerEvent, EngineState } from '../../shared/model/index.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { SecondDockerd } from '../support/second-dockerd.js';
import { nsInode } from '../support/sh.js';

const daemon = new SecondDockerd(`nsi-live-dockerd-${process.pid}`, 'nsi-live-br0', '10.231.213.1/24');

describeWithEngine('the engine stops gracefully and comes back', () => {
  let svc: NsInspectService;
  let controller: AccessController;
  let viaHelper: NsInspectService;
  const settings: string[] = [];
  const events: ContainerEvent[] = [];
  const states: { at: number; s: EngineState }[] = [];

  beforeAll(async () => {
    daemon.prepare();
    await daemon.start();
    daemon.loadImage();
    daemon.docker('run', '-d', '--name', 'nsi-live-always', '--restart', 'always', '--label', LABEL, IMAGE, 'sleep', '1000000');
    daemon.docker('run', '-d', '--name', 'nsi-live-once', '--label', LABEL, IMAGE, 'sleep', '1000000');
    const engine = new Engine({ url: daemon.url, source: 'option', reason: 'the test' }, { live: true });
    svc = new NsInspectService(engine, new DirectAccess());
    svc.onContainers((e) => events.push(e));
    svc.onEngineState((s) => states.push({ at: Date.now(), s }));
    await engine.start();
    // The docker-helper on that daemon too: a daemon restart takes its helper container with it.
    controller = new AccessController({ engine, initial: { access: 'docker-helper', helperImage: IMAGE } });
    viaHelper = new NsInspectService(engine, controller.access);
    controller.on('state', (st) => settings.push(st.status.state));
    await controller.ready();
  }, 180_000);
  afterAll(async () => {
    await controller?.close();
    await svc?.close();
    await daemon.destroy();
  });

  const byName = (list: Container[], n: string) => list.find((c) => c.name === n);
  /** Ours, not the helper container. */
  const mine = (list: Container[]) => list.filter((c) => c.name.startsWith('nsi-live-'));

  it('stopped: the containers are kept and marked, none reported removed; back: connected within 3 s, reconciled', async () => {
    const before = await svc.listContainers();
    expect(
      mine(before)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['nsi-live-always', 'nsi-live-once']);
    const ours = new Set(mine(before).map((c) => c.id));
    const alwaysPid = byName(before, 'nsi-live-always')!.pid!;
    expect(controller.state().status).toMatchObject({ state: 'ready', kind: 'docker-helper' });
    expect((await viaHelper.inspect('nsi-live-always')).access).toBe('docker-helper');
    expect(byName(before, 'nsi-live-always')!.namespaces?.net).toBe(nsInode(alwaysPid, 'net'));

    events.length = 0;
    await daemon.stop();
    await waitFor('the engine to be unreachable', () => svc.engineState().status === 'unreachable', 10_000);
    const away = await svc.listContainers();
    expect(
      mine(away)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['nsi-live-always', 'nsi-live-once']);
    for (const c of mine(away)) expect(c.engineUnreachable, c.name).toBe(true);
    expect(events.filter((e) => e.kind === 'removed' && ours.has(e.id))).toEqual([]);
    const unreachable = svc.engineState();
    expect(unreachable.status === 'unreachable' && unreachable.retryInMs).toBeLessThanOrEqual(RETRY_CAP_MS);

    // Its helper container went down with it: Settings does not say "ready".
    await waitFor('Settings to leave "ready"', () => controller.state().status.state !== 'ready', 10_000);

    // Away for a while (the backoff reaches its cap), then back.
    await new Promise((r) => setTimeout(r, 3 * RETRY_CAP_MS));
    states.length = 0;
    await daemon.start();
    const answeredAt = Date.now();
    await waitFor('the engine to be connected again', () => svc.engineState().status === 'connected', 10_000);
    const lagMs = states.find((x) => x.s.status === 'connected')!.at - answeredAt;
    expect(lagMs).toBeLessThanOrEqual(3000);
    console.log(`[daemon-stop] connected ${lagMs} ms after the restarted daemon answered`);

    // Reconciled with the daemon's own word: the restart policy brought one back, the other stays exited.
    const alwaysAgain = await waitFor('the always-restart container to run again', async () => {
      const c = byName(await svc.listContainers(), 'nsi-live-always');
      return c?.state === 'running' && c.pid ? c : undefined;
    });
    const inspected = JSON.parse(daemon.docker('inspect', 'nsi-live-always', 'nsi-live-once')) as {
      Name: string;
      State: { Status: string; Pid: number };
    }[];
    const after = await svc.listContainers();
    for (const d of inspected) {
      const c = byName(after, d.Name.slice(1))!;
      expect(c.state, d.Name).toBe(d.State.Status);
      expect(c.pid ?? 0, d.Name).toBe(d.State.Pid);
      expect(c.engineUnreachable, d.Name).toBeUndefined();
    }
    expect(alwaysAgain.namespaces?.net).toBe(nsInode(alwaysAgain.pid!, 'net'));
    // A new helper was started by itself once the daemon was back, and serves.
    await waitFor('Settings to be ready again', () => controller.state().status.state === 'ready', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(settings)} ${JSON.stringify(controller.state().status)}`);
    });
    expect(settings).toContain('starting');
    const again = await viaHelper.inspect('nsi-live-always');
    expect(again.access).toBe('docker-helper');
    expect(again.namespaces.find((n) => n.type === 'net')?.inode).toBe(nsInode(alwaysAgain.pid!, 'net'));
    expect(events.filter((e) => e.kind === 'removed' && ours.has(e.id))).toEqual([]);
    // A container made after the return comes as an event, as before the outage.
    daemon.docker('run', '-d', '--name', 'nsi-live-new', '--label', LABEL, IMAGE, 'sleep', '1000000');
    await waitFor('the new container as an event', () => events.some((e) => e.kind !== 'removed' && e.container.name === 'nsi-live-new'));
  });
});
