import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '../../../shared/model/index.js';
import { NsInspectError } from '../errors.js';

export interface EndpointEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  /** Whether a unix socket exists at a path; injectable for tests of the order. */
  isSocket: (path: string) => boolean;
}

function defaultIsSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

function contextEndpoint(home: string, name: string): string | null {
  // The docker CLI stores contexts under meta/<sha256 of name>/meta.json; scanning
  // for the Name field avoids depending on the hashing scheme.
  const dir = join(home, '.docker', 'contexts', 'meta');
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir)) {
    try {
      const meta = JSON.parse(readFileSync(join(dir, entry, 'meta.json'), 'utf8')) as {
        Name?: string;
        Endpoints?: { docker?: { Host?: string } };
      };
      if (meta.Name === name) return meta.Endpoints?.docker?.Host ?? null;
    } catch {
      /* an unreadable context is simply not this one */
    }
  }
  return null;
}

/**
 * Which engine to talk to, in the docker CLI's order, then the well-known
 * sockets of rootless Docker, Docker Desktop, the system daemon and Podman.
 */
export function resolveEndpoint(opts: Partial<EndpointEnv> = {}): Endpoint {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  const isSocket = opts.isSocket ?? defaultIsSocket;

  if (env.DOCKER_HOST) return { url: env.DOCKER_HOST, source: 'DOCKER_HOST', reason: 'DOCKER_HOST is set' };

  const configContext = (() => {
    try {
      const cfg = JSON.parse(readFileSync(join(env.DOCKER_CONFIG ?? join(home, '.docker'), 'config.json'), 'utf8'));
      return typeof cfg.currentContext === 'string' ? (cfg.currentContext as string) : null;
    } catch {
      return null;
    }
  })();
  const named = env.DOCKER_CONTEXT
    ? { name: env.DOCKER_CONTEXT, source: 'DOCKER_CONTEXT' as const, why: 'DOCKER_CONTEXT is set' }
    : configContext
      ? { name: configContext, source: 'docker-config' as const, why: 'currentContext in ~/.docker/config.json' }
      : null;
  if (named && named.name !== 'default') {
    const host = contextEndpoint(home, named.name);
    if (host) return { url: host, source: named.source, reason: `${named.why} (context "${named.name}")` };
  }

  const runtimeDir = env.XDG_RUNTIME_DIR;
  const candidates: Array<[string | undefined, Endpoint['source'], string]> = [
    [runtimeDir && join(runtimeDir, 'docker.sock'), 'rootless', 'rootless Docker socket found'],
    [join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop', 'Docker Desktop socket found'],
    ['/var/run/docker.sock', 'default', 'system Docker socket found'],
    [runtimeDir && join(runtimeDir, 'podman', 'podman.sock'), 'podman', "Podman's Docker-compatible socket found (rootless)"],
    ['/run/podman/podman.sock', 'podman', "Podman's Docker-compatible socket found"],
  ];
  for (const [path, source, reason] of candidates) {
    if (path && isSocket(path)) return { url: `unix://${path}`, source, reason: `${reason}: ${path}` };
  }
  return {
    url: 'unix:///var/run/docker.sock',
    source: 'default',
    reason: 'no engine socket found; trying the default /var/run/docker.sock',
  };
}

/** dockerode constructor options for an endpoint URL. */
export function dockerodeOptions(url: string): Record<string, unknown> {
  const u = URL.canParse(url) ? new URL(url) : null;
  switch (u?.protocol) {
    case 'unix:':
      return { socketPath: u.pathname };
    case 'tcp:':
    case 'http:':
      return { protocol: 'http', host: u.hostname, port: Number(u.port || 2375) };
    case 'https:':
      return { protocol: 'https', host: u.hostname, port: Number(u.port || 2376) };
    case 'ssh:':
      return { protocol: 'ssh', host: u.hostname, port: Number(u.port || 22), username: u.username || undefined };
    default:
      throw new NsInspectError('input', `unsupported engine endpoint ${url}`, 'set DOCKER_HOST (or the docker context) to a unix://, tcp://, https:// or ssh:// URL');
  }
}
