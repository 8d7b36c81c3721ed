import type { Endpoint } from '../../../shared/model/index.js';
import { EngineApi, timeoutFromEnv } from './api.js';
import { defaultEngine, type EngineChoice } from './choose.js';
import { resolveEndpoint } from './endpoint.js';

/**
 * The CLI's head start: resolve the endpoint and send the container-list request before the
 * engine's code is loaded, so that the engine's answer and the loading overlap (await `sent`
 * before loading). Kept apart from engine.ts (its own small chunk) for that reason. null when
 * the endpoint cannot be used: the Engine then reports why.
 */
export function prefetchList(): { endpoint: Endpoint; api: EngineApi; sent: Promise<void> } | null {
  try {
    const endpoint = resolveEndpoint();
    const api = new EngineApi(endpoint, timeoutFromEnv());
    const sent = api.prefetch('/containers/json?all=1', 'the container list');
    return { endpoint, api, sent };
  } catch {
    return null;
  }
}

/** --engine, or the default from the sockets there are (loaded with the prefetch: it decides whether to send it). */
export function chosenEngine(asked: EngineChoice | undefined): EngineChoice {
  return asked ?? defaultEngine();
}
