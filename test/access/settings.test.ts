// The access settings as the serving faces apply them: persisted, validated, and a change
// rebuilds the backend for the probe and the shells (with the real engine and helpers).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessController, jsonFileStore } from '../../electron/core/access/controller.js';
import { AskpassBroker } from '../../electron/core/api/askpass-broker.js';
import { createDispatcher } from '../../electron/core/api/dispatch.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { Collector } from '../shell/rig.js';

describe('settings store and the askpass broker (no engine needed)', () => {
  it('settings.json: written 0600, merged with other keys; invalid stored values fall back to defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsi-settings-'));
    try {
      const path = join(dir, 'sub', 'settings.json');
      const store = jsonFileStore(path);
      store.save({ access: 'docker-helper', helperImage: 'busybox:1.36' });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ access: 'docker-helper', helperImage: 'busybox:1.36' });
      writeFileSync(path, JSON.stringify({ access: 'root', helperImage: 'ghcr.io/x/nsenter:2', other: 1 }));
      const c = new AccessController({ engine: new Engine(), store, initial: { access: 'direct' } });
      expect(c.state().settings).toEqual({ access: 'direct', helperImage: 'ghcr.io/x/nsenter:2' });
      expect(c.state().store).toEqual({ kind: 'file', path });
      void c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dispatcher checks settingsSet and askpassReply strictly; the first answer wins', async () => {
    const askpass = new AskpassBroker();
    const settings = new AccessController({ engine: new Engine(), askpass, initial: { access: 'direct' } });
    const dispatch = createDispatcher({} as never, null, { settings, askpass });
    const bad: Array<[string, unknown[]]> = [
      ['settingsSet', [{ access: 'root' }]],
      ['settingsSet', [{ access: 'direct', shell: '/bin/sh' }]],
      ['settingsSet', [{ helperImage: 'busybox;rm -rf /' }]],
      ['settingsSet', [{ helperImage: 'BusyBox' }]],
      ['askpassReply', ['not-hex', 'pw']],
      ['askpassReply', ['0123456789abcdef0123', 'two\nlines']],
      ['askpassReply', ['0123456789abcdef0123', 'nul\0']],
    ];
    for (const [ch, args] of bad)
      await expect(dispatch(ch, args), `${ch} ${JSON.stringify(args)}`).rejects.toMatchObject({ code: 'input' });
    // A refusal never echoes the password.
    await dispatch('askpassReply', ['0123456789abcdef0123', 'secret\n']).catch((e: Error) => expect(e.message).not.toContain('secret'));

    const asked: string[] = [];
    const ended: string[] = [];
    askpass.on('ask', (p) => asked.push(p.id));
    askpass.on('end', (e) => ended.push(`${e.id}:${e.outcome}`));
    const answer = askpass.handler('[sudo] password for x:', new AbortController().signal);
    expect(asked).toHaveLength(1);
    await expect((dispatch('settingsGet', []) as Promise<{ askpass: unknown[] }>).then((s) => s.askpass)).resolves.toEqual([
      { id: asked[0], prompt: '[sudo] password for x:' },
    ]);
    await dispatch('askpassReply', [asked[0], 'pw']);
    await expect(answer).resolves.toBe('pw');
    expect(ended).toEqual([`${asked[0]}:answered`]);
    await expect(dispatch('askpassReply', [asked[0], 'again'])).rejects.toMatchObject({ code: 'gone' });
    // Timeout (the relay aborts): null, and the dialogs are told.
    const ac = new AbortController();
    const late = askpass.handler('p', ac.signal);
    ac.abort();
    await expect(late).resolves.toBeNull();
    expect(ended[1]).toMatch(/:timeout$/);
    await settings.close();
  });
});

describeWithEngine('a settings change rebuilds the backend for the probe and the shells', () => {
  let engine: Engine;
  let controller: AccessController;
  let service: NsInspectService;
  let shells: ShellManager;
  beforeAll(() => {
    engine = new Engine();
    controller = new AccessController({ engine, initial: { access: 'direct', helperImage: IMAGE } });
    service = new NsInspectService(engine, controller.access);
    controller.on('switched', () => service.resetProbe());
    shells = new ShellManager({ engine, backends: controller.backends });
    controller.attach(shells);
  });
  afterAll(async () => {
    await shells?.closeAll();
    await service?.close();
    await controller?.close();
  });

  it('direct → docker-helper: inspections say so; an nsenter terminal of the old backend is ended, docker exec keeps running', async () => {
    await controller.ready();
    expect(controller.state().status).toMatchObject({ state: 'ready', kind: 'direct', why: 'fixed by the setting' });
    expect((await service.inspect(FIXTURES.a)).access).toBe('direct');
    const col = new Collector(shells);
    const ns = await shells.open({
      container: FIXTURES.a,
      kind: 'nsenter',
      namespaces: ['net'],
      command: ['sleep', '1000'],
      cols: 80,
      rows: 24,
    });
    const ex = await shells.open({
      container: FIXTURES.a,
      kind: 'docker-exec',
      namespaces: [],
      command: ['sleep', '1000'],
      cols: 80,
      rows: 24,
    });
    expect(ns.access).toBe('direct');

    const states: string[] = [];
    controller.on('state', (s) => states.push(`${s.status.state}:${s.status.kind}`));
    const answered = await controller.update({ access: 'docker-helper' });
    expect(answered.status.state).toBe('starting');
    expect(await col.end(ns.id)).toMatchObject({
      reason: 'error',
      id: 'shell.backend-switched',
      message: expect.stringMatching(/changed in Settings/),
    });
    expect(col.ends.has(ex.id)).toBe(false);
    await controller.ready();
    expect(states.at(-1)).toBe('ready:docker-helper');
    expect((await service.inspect(FIXTURES.a)).access).toBe('docker-helper');
    const ns2 = await shells.open({ container: FIXTURES.a, kind: 'nsenter', namespaces: ['net'], command: ['true'], cols: 80, rows: 24 });
    expect(ns2.access).toBe('docker-helper');
    await shells.close(ex.id);

    // The same settings again change nothing.
    expect((await controller.update({ access: 'docker-helper' })).status.state).toBe('ready');
    await expect(controller.update({ access: 'nope' })).rejects.toMatchObject({ code: 'input' });
  });
});
