import { statSync } from 'node:fs';
import type { Endpoint } from '../../../../shared/model/index.js';
import { because } from '../endpoint.js';

/** containerd's own default socket (not Docker's private one under /var/run/docker/containerd). */
export const CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** CONTAINERD_ADDRESS (a path or unix:// URL, as ctr takes it), else the system socket. */
export function containerdEndpoint(env: NodeJS.ProcessEnv = process.env, socketExists: (p: string) => boolean = isSocket): Endpoint {
  const given = env.CONTAINERD_ADDRESS;
  if (given) {
    const url = given.includes('://') ? given : `unix://${given}`;
    return { url, source: 'CONTAINERD_ADDRESS', ...because('endpoint.why-containerd-address') };
  }
  return {
    url: `unix://${CONTAINERD_SOCKET}`,
    source: 'containerd',
    ...because(socketExists(CONTAINERD_SOCKET) ? 'endpoint.why-containerd-found' : 'endpoint.why-containerd-default', {
      path: CONTAINERD_SOCKET,
    }),
  };
}

export function containerdPresent(env: NodeJS.ProcessEnv = process.env, socketExists: (p: string) => boolean = isSocket): boolean {
  // Only the socket: whether a containerd answers on it is for the engine to find out.
  const ep = containerdEndpoint(env, socketExists);
  return ep.url.startsWith('unix://') && socketExists(ep.url.slice('unix://'.length));
}
