import { ID64, type PodRef } from '../../../shared/model/index.js';
import type { EngineApi } from './api.js';

/**
 * Podman's pods. Its Docker-compatible API says nothing of them (a pod member's network mode is
 * merely "container:<infra id>"), so a Podman engine (Server: Libpod/…) is asked once more,
 * through its own API, which names each container's pod and marks the infra container.
 */
export const LIBPOD_LIST_PATH = '/v4.0.0/libpod/containers/json?all=true';

interface LibpodEntry {
  Id?: string;
  Pod?: string;
  PodName?: string;
  IsInfra?: boolean;
}

export function isPodman(api: Pick<EngineApi, 'server'>): boolean {
  return /^libpod\//i.test(api.server ?? '');
}

/** Container ID → its pod, from the libpod list; entries that are not well-formed are left out. */
export function podsFromLibpod(list: unknown): Map<string, PodRef> {
  const out = new Map<string, PodRef>();
  if (!Array.isArray(list)) return out;
  for (const e of list as LibpodEntry[]) {
    if (!e || typeof e.Id !== 'string' || !ID64.test(e.Id) || typeof e.Pod !== 'string' || !ID64.test(e.Pod)) continue;
    out.set(e.Id, { id: e.Pod, name: typeof e.PodName === 'string' ? e.PodName : '', infra: e.IsInfra === true });
  }
  return out;
}

/** The pods of a Podman engine's containers; an empty map for any other engine, or when it will not say. */
export async function loadPods(api: EngineApi): Promise<Map<string, PodRef>> {
  if (!isPodman(api)) return new Map();
  try {
    return podsFromLibpod(await api.json<unknown>(LIBPOD_LIST_PATH, 'its pods'));
  } catch {
    return new Map();
  }
}
