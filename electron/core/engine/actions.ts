import type Docker from 'dockerode';
import type { Container, ContainerAction, ContainerActionResult } from '../../../shared/model/index.js';
import { fail, NsInspectError } from '../errors.js';
import { containerFromInspect } from './convert.js';

type EngineError = { statusCode?: number; json?: { message?: string }; message?: string };

function engineMessage(err: unknown): string {
  const e = err as EngineError;
  return (e?.json?.message ?? e?.message ?? String(err)).replace(/^\(HTTP code \d+\)\s*/, '').trim();
}

/**
 * Start, stop, restart or remove a container through the engine's API. A paused
 * container is unpaused first (its frozen processes could not handle SIGTERM);
 * removing a running one stops it, as Docker Desktop's delete does after asking.
 * Stop and restart send no timeout, so the container's own --stop-timeout applies, as with `docker stop`.
 */
export async function containerAction(docker: Docker, c: Container, action: ContainerAction): Promise<ContainerActionResult> {
  const handle = docker.getContainer(c.id);
  const done = (state: ContainerActionResult['state']): ContainerActionResult => ({ id: c.id, name: c.name, action, state });
  try {
    const info = await handle.inspect();
    if (info.State?.Paused && action !== 'remove') await handle.unpause();
    if (action === 'start' && !info.State?.Paused) await handle.start().catch(notModified);
    if (action === 'stop') await handle.stop().catch(notModified);
    if (action === 'restart') await handle.restart();
    if (action === 'remove') {
      await handle.remove({ force: true });
      return done('removed');
    }
    return done(containerFromInspect(await handle.inspect()).state);
  } catch (err) {
    throw actionError(err, c, action);
  }
}

/** 304: already started, already stopped. The user asked for a state it is in: nothing to report. */
function notModified(err: unknown): void {
  if ((err as EngineError)?.statusCode !== 304) throw err;
}

function actionError(err: unknown, c: Container, action: ContainerAction): NsInspectError {
  if (err instanceof NsInspectError) return err;
  const status = (err as EngineError)?.statusCode;
  const why = engineMessage(err);
  if (status === 404) return fail('container.removed', { name: c.name });
  if (status === 409) {
    return action === 'remove'
      ? fail('action.remove-conflict', { name: c.name, detail: why })
      : fail('action.conflict', { action, name: c.name, detail: why });
  }
  if (status === undefined) return fail('action.no-answer', { action, name: c.name, detail: why });
  return fail('action.failed', { action, name: c.name, detail: why });
}
