import { fail } from '../errors.js';

/**
 * The deadline of one dockerode call made for a helper or a terminal (exec create/start/inspect,
 * container create/start); NSINSPECT_ENGINE_CALL_MS for tests of the fault path.
 */
export function callDeadlineMs(): number {
  const v = Number(process.env.NSINSPECT_ENGINE_CALL_MS);
  return Number.isInteger(v) && v > 0 ? v : 10_000;
}

/**
 * One engine call through dockerode, which has no deadline of its own: an engine that never
 * answers (a wedged container's exec, a daemon stuck in shutdown) fails it after `ms` with an
 * error naming what was asked, instead of leaving the caller waiting forever. `what` names the
 * container, e.g. "creating an exec (sh in the helper container nsinspect-helper-…)".
 */
export async function engineCall<T>(what: string, call: () => Promise<T>, ms = callDeadlineMs()): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fail('engine.call-timeout', { what, seconds: ms / 1000 })), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([call(), expired]);
  } finally {
    clearTimeout(timer);
  }
}
