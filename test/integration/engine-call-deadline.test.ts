// dockerode has no deadline of its own: an engine that never answers an exec (a wedged container
// can do that) left a terminal opening forever. Each such call now fails after its deadline with
// an error naming the container and what to do, and everything else proceeds (issue 12 §3).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectError } from '../../electron/core/errors.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { EngineProxy } from '../support/engine-proxy.js';
import { FIXTURES } from '../support/fixtures.js';
import { docker } from '../support/sh.js';
import { Collector } from '../shell/rig.js';

describeWithEngine('a dockerode call the engine never answers', () => {
  let proxy: EngineProxy;
  let engine: Engine;
  let shells: ShellManager;
  const before = process.env.NSINSPECT_ENGINE_CALL_MS;
  beforeAll(async () => {
    process.env.NSINSPECT_ENGINE_CALL_MS = '1500';
    const wedged = docker('inspect', '-f', '{{.Id}}', FIXTURES.b);
    proxy = new EngineProxy(`/tmp/nsi-live-proxy-${process.pid}.sock`, {
      stall: (line) => line.startsWith('POST ') && line.includes(`/containers/${wedged}/exec`),
    });
    await proxy.up();
    engine = new Engine({ url: proxy.url, source: 'option', reason: 'the test' }, { live: true });
    shells = new ShellManager({ engine });
    await engine.start();
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.NSINSPECT_ENGINE_CALL_MS;
    else process.env.NSINSPECT_ENGINE_CALL_MS = before;
    await shells?.dispose();
    await engine?.stop();
    await proxy?.down();
  });

  it('a docker exec terminal: fails after the deadline naming the container; another container still works', async () => {
    const started = Date.now();
    const err = await shells
      .open({ container: FIXTURES.b, kind: 'docker-exec', namespaces: [], command: ['echo', 'hi'], cols: 80, rows: 24 })
      .catch((e: unknown) => e);
    const tookMs = Date.now() - started;
    expect(err).toBeInstanceOf(NsInspectError);
    expect(err).toMatchObject({
      code: 'engine',
      message: `the engine did not answer creating an exec of echo in container ${FIXTURES.b} within 1.5 s`,
      hint: expect.stringMatching(/docker inspect/),
    });
    expect(tookMs).toBeLessThan(5000);
    // The proxy saw the request (it was asked, and held), so the deadline is what ended it.
    expect(proxy.seen.some((l) => l.includes('/exec') && l.startsWith('POST '))).toBe(true);

    const col = new Collector(shells);
    const ok = await shells.open({
      container: FIXTURES.a,
      kind: 'docker-exec',
      namespaces: [],
      command: ['echo', 'fine'],
      cols: 80,
      rows: 24,
    });
    await col.waitFor(ok.id, (t) => t.includes('fine'));
    expect((await col.end(ok.id)).reason).toBe('exited');
  });
});
