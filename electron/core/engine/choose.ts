import { containerdPresent } from './containerd/endpoint.js';
import { resolveEndpoint } from './endpoint.js';

/** What --engine takes. */
export const ENGINE_CHOICES = ['docker', 'containerd', 'all'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export function isEngineChoice(s: unknown): s is EngineChoice {
  return typeof s === 'string' && (ENGINE_CHOICES as readonly string[]).includes(s);
}

/**
 * Which engine answers when --engine is not given: Docker's API whenever an endpoint for it is
 * named or found (as before containerd was known); containerd when only it is there
 * (CONTAINERD_ADDRESS, or its socket, on a Kubernetes node without Docker).
 */
export function defaultEngine(env: NodeJS.ProcessEnv = process.env, isSocket?: (path: string) => boolean): EngineChoice {
  if (!containerdPresent(env, isSocket)) return 'docker';
  try {
    const docker = resolveEndpoint({ env, ...(isSocket ? { isSocket } : {}) });
    return docker.reasonSaid?.id === 'endpoint.why-none-found' ? 'containerd' : 'docker';
  } catch {
    // A Docker endpoint that is named but wrong is reported by the Docker engine, not replaced.
    return 'docker';
  }
}
