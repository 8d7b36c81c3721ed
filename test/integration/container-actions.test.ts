// Container actions through the API dispatcher, on the real engine; every outcome is read back with the docker CLI.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/core/api/dispatch.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY, PREFIX } from '../support/fixtures.js';
import { docker, tryRun } from '../support/sh.js';
import { directService } from '../support/service.js';

const NAME = `${PREFIX}actions`;
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;

const status = () => docker('inspect', '-f', '{{.State.Status}}', NAME);
const startedAt = () => docker('inspect', '-f', '{{.State.StartedAt}}', NAME);
const listed = () => docker('ps', '-a', '--filter', `name=^${NAME}$`, '--format', '{{.Names}}');

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; hint?: string };
  }
  throw new Error('expected a failure');
}

describeWithEngine('container actions: start, stop, restart, remove, as docker inspect and docker ps -a see them', () => {
  let svc: NsInspectService;
  let dispatch: Dispatch;
  beforeAll(() => {
    tryRun(['docker', 'rm', '-f', NAME]);
    // sleep as PID 1 ignores SIGTERM: a short stop timeout keeps each stop to a second.
    docker('run', '-d', '--name', NAME, '--stop-timeout', '1', '--label', LABEL, '--label', OWNER_LABEL, IMAGE, 'sleep', '1000000');
    svc = directService();
    dispatch = createDispatcher(svc, null);
  });
  afterAll(async () => {
    await svc.close();
    tryRun(['docker', 'rm', '-f', NAME]);
  });

  it('stops a running container and starts it again', async () => {
    expect(status()).toBe('running');
    expect(await dispatch('containerAction', [NAME, 'stop'])).toMatchObject({ name: NAME, action: 'stop', state: 'exited' });
    expect(status()).toBe('exited');
    // Stopping what is stopped is not an error: it is where the user wanted it.
    expect(await dispatch('containerAction', [NAME, 'stop'])).toMatchObject({ state: 'exited' });
    expect(await dispatch('containerAction', [NAME, 'start'])).toMatchObject({ state: 'running' });
    expect(status()).toBe('running');
  });

  it('restarts: a new start time', async () => {
    const before = startedAt();
    expect(await dispatch('containerAction', [NAME, 'restart'])).toMatchObject({ state: 'running' });
    expect(status()).toBe('running');
    expect(startedAt()).not.toBe(before);
  });

  it('a paused container: stop unpauses it first and stops it; start unpauses', async () => {
    docker('pause', NAME);
    expect(status()).toBe('paused');
    expect(await dispatch('containerAction', [NAME, 'start'])).toMatchObject({ state: 'running' });
    expect(status()).toBe('running');
    docker('pause', NAME);
    expect(await dispatch('containerAction', [NAME, 'stop'])).toMatchObject({ state: 'exited' });
    expect(status()).toBe('exited');
  });

  it('refuses what the schema does not allow, before the engine sees it', async () => {
    expect(await failure(dispatch('containerAction', [NAME, 'kill']))).toMatchObject({ code: 'input' });
    expect(await failure(dispatch('containerAction', ['../etc', 'stop']))).toMatchObject({ code: 'input' });
    expect(await failure(dispatch('containerAction', [`${PREFIX}no-such`, 'start']))).toMatchObject({
      code: 'not-found',
      hint: expect.any(String),
    });
  });

  it('says why a start fails, with what to do', async () => {
    const bad = `${PREFIX}actions-bad`;
    tryRun(['docker', 'rm', '-f', bad]);
    docker('create', '--name', bad, '--label', LABEL, '--label', OWNER_LABEL, IMAGE, '/no/such/program');
    try {
      const e = await failure(dispatch('containerAction', [bad, 'start']));
      expect(e.code).toBe('failed');
      expect(e.message).toContain(`cannot start ${bad}`);
      expect(e.hint).toBeTruthy();
      expect(docker('inspect', '-f', '{{.State.Running}}', bad)).toBe('false');
    } finally {
      tryRun(['docker', 'rm', '-f', bad]);
    }
  });

  it('removes a running container', async () => {
    await dispatch('containerAction', [NAME, 'start']);
    expect(status()).toBe('running');
    expect(await dispatch('containerAction', [NAME, 'remove'])).toMatchObject({ state: 'removed' });
    expect(listed()).toBe('');
    expect(await failure(dispatch('containerAction', [NAME, 'remove']))).toMatchObject({ code: 'not-found' });
  });
});
