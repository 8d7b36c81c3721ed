import type { EngineContext } from '../../../shared/model/index.js';
import { containerdEndpoint, containerdPresent } from '../engine/containerd/endpoint.js';
import { listContexts } from '../engine/contexts.js';

/** The name the local containerd has among the hosts (a docker context of that name wins). */
export const CONTAINERD_HOST = 'containerd';

/**
 * What a window can open: the docker contexts, and the local containerd where its socket is
 * (CONTAINERD_ADDRESS, else /run/containerd/containerd.sock), as Docker Desktop and Podman
 * Desktop offer each engine they find.
 */
export function hostContexts(
  env: NodeJS.ProcessEnv = process.env,
  present: () => boolean = () => containerdPresent(env),
  docker: () => { contexts: EngineContext[]; current: { name: string } } = () => listContexts({}, env),
): { contexts: EngineContext[]; current: { name: string } } {
  const listed = docker();
  if (!present() || listed.contexts.some((c) => c.name === CONTAINERD_HOST)) return listed;
  const containerd: EngineContext = {
    name: CONTAINERD_HOST,
    description: 'the local containerd',
    endpoint: containerdEndpoint(env).url,
    tls: null,
    current: false,
    engine: 'containerd',
  };
  return { ...listed, contexts: [...listed.contexts, containerd] };
}
