import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ContainerEvent, EngineState } from '../../shared/model/index.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { describeWithEngine } from '../support/engine.js';
import { EngineProxy } from '../support/engine-proxy.js';
import { FIXTURES, IMAGE, LABEL } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { docker, tryRun } from '../support/sh.js';

describeWithEngine('engine connection: live list from events, reconnect with backoff', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('reports added, changed and removed containers from the event stream', async () => {
    const engine = new Engine();
    cleanups.push(() => engine.stop());
    const events: ContainerEvent[] = [];
    engine.on('container', (e) => events.push(e));
    await engine.start();
    const name = `nsi-ev-${process.pid}`;
    cleanups.push(() => tryRun(['docker', 'rm', '-f', name]));
    const id = docker('run', '-d', '--name', name, '--label', LABEL, IMAGE, 'sleep', '1000');
    const added = await waitFor('added', () =>
      events.find((e) => e.kind !== 'removed' && e.container.id === id && e.container.state === 'running'),
    );
    expect(added.kind === 'removed' ? null : added.container.pid).toBe(Number(docker('inspect', '-f', '{{.State.Pid}}', id)));
    expect(engine.list().some((c) => c.id === id)).toBe(true);
    docker('kill', id);
    await waitFor('exited', () => events.find((e) => e.kind === 'changed' && e.container.id === id && e.container.state === 'exited'));
    expect(engine.list().find((c) => c.id === id)?.pid).toBeNull();
    docker('rm', id);
    await waitFor('removed', () => events.find((e) => e.kind === 'removed' && e.id === id));
    expect(engine.list().some((c) => c.id === id)).toBe(false);
  });

  it('goes "unreachable" with what to do when the daemon goes away, and reconnects by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsi-proxy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const proxy = new EngineProxy(join(dir, 'docker.sock'));
    cleanups.push(() => proxy.down());
    await proxy.up();
    const engine = new Engine({ url: `unix://${proxy.path}`, source: 'option', reason: 'test proxy' });
    cleanups.push(() => engine.stop());
    const states: EngineState[] = [];
    engine.on('state', (s) => states.push(s));
    await engine.start();
    expect(engine.state.status).toBe('connected');

    await proxy.down();
    const lost = await waitFor('unreachable', () => states.find((s) => s.status === 'unreachable'));
    expect(lost.status === 'unreachable' && lost.message).toMatch(/engine unreachable/);
    expect(lost.status === 'unreachable' && lost.hint).toMatch(/start the engine/);

    // A container created while we were cut off shows up after the reconnect.
    const name = `nsi-rc-${process.pid}`;
    cleanups.push(() => tryRun(['docker', 'rm', '-f', name]));
    const id = docker('create', '--name', name, '--label', LABEL, IMAGE, 'true');
    await proxy.up();
    await waitFor('reconnected', () => (engine.state.status === 'connected' ? true : undefined));
    await waitFor('list reloaded', () => (engine.list().some((c) => c.id === id) ? true : undefined));
  });

  it('an endpoint with nothing behind it fails fast with the reason', async () => {
    const engine = new Engine({ url: 'unix:///nonexistent/docker.sock', source: 'option', reason: 'test' });
    cleanups.push(() => engine.stop());
    await expect(engine.start()).rejects.toThrow(/no engine is listening at unix:\/\/\/nonexistent/);
    expect(engine.state).toMatchObject({ status: 'unreachable' });
  });

  it('live: a container whose inspection never answers is kept from the list and noted; the rest loads', async () => {
    const name = `nsi-wedged-${process.pid}`;
    cleanups.push(() => tryRun(['docker', 'rm', '-f', name]));
    const id = docker('run', '-d', '--name', name, '--label', LABEL, IMAGE, 'sleep', '1000');
    const dir = mkdtempSync(join(tmpdir(), 'nsi-proxy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const proxy = new EngineProxy(join(dir, 'docker.sock'), { stall: (line) => line.includes(`/containers/${id}/json`) });
    cleanups.push(() => proxy.down());
    await proxy.up();
    const engine = new Engine({ url: proxy.url, source: 'option', reason: 'test proxy' }, { timeoutMs: 1000 });
    cleanups.push(() => engine.stop());
    const started = Date.now();
    await engine.start();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(engine.notes()).toEqual([`the engine did not answer for container ${id} within 1 s`]);
    const wedged = engine.list().find((c) => c.id === id);
    expect(wedged).toMatchObject({ name, state: 'running', pid: Number(docker('inspect', '-f', '{{.State.Pid}}', id)) });
    // The others have their details (the hostname and modes only an inspection gives); the
    // fixtures stand for them, as other containers on this machine may come and go meanwhile.
    for (const f of [FIXTURES.a, FIXTURES.pidHost]) {
      const c = engine.list().find((x) => x.name === f);
      expect(c?.hostname, f).toBe(docker('inspect', '-f', '{{.Config.Hostname}}', f));
      expect(c?.modes.pid, f).toBe(docker('inspect', '-f', '{{.HostConfig.PidMode}}', f) || 'private');
    }
  });
});
