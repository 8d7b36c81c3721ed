import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '../../../shared/model/index.js';
import { NsInspectError } from '../errors.js';

export interface EndpointEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  /** Whether a unix socket exists at a path; injectable for tests of the order. */
  isSocket: (path: string) => boolean;
  /** Why this process may not connect to a socket (e.g. "permission denied"), or null when it may. */
  unusable: (path: string) => string | null;
}

function defaultUnusable(path: string): string | null {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return null;
  } catch (e) {
    // Only a refusal is a reason to look further; whether the socket exists is isSocket's to say.
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : null;
  }
}

function defaultIsSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** Where the docker CLI keeps its configuration: $DOCKER_CONFIG, else ~/.docker. */
function configDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

/**
 * A context's engine URL; null when no context of that name exists. The docker CLI stores
 * contexts under contexts/meta/<sha256 of name>/meta.json; scanning for the Name field avoids
 * depending on the hashing scheme.
 */
function contextEndpoint(dir: string, name: string): { host: string | null } | null {
  const meta = join(dir, 'contexts', 'meta');
  if (!existsSync(meta)) return null;
  for (const entry of readdirSync(meta)) {
    try {
      const m = JSON.parse(readFileSync(join(meta, entry, 'meta.json'), 'utf8')) as {
        Name?: string;
        Endpoints?: { docker?: { Host?: string } };
      };
      if (m.Name === name) return { host: m.Endpoints?.docker?.Host ?? null };
    } catch {
      /* an unreadable context is simply not this one */
    }
  }
  return null;
}

/** The endpoint could not be chosen; `endpoint` is what was asked for, for the engine state. */
export class EndpointError extends NsInspectError {
  constructor(
    readonly endpoint: Endpoint,
    message: string,
    hint: string,
  ) {
    super('engine', message, hint);
  }
}

export const SUPPORTED_SCHEMES = 'unix://, tcp://, http://, https:// or ssh://';

/** Why a URL is not an endpoint nsinspect can speak to, or null when it is one. */
export function unsupportedEndpoint(url: string): { message: string; hint: string } | null {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return { message: `engine endpoint "${url}" is not a URL`, hint: `use ${SUPPORTED_SCHEMES}, e.g. unix:///var/run/docker.sock` };
  }
  if (['unix:', 'tcp:', 'http:', 'https:', 'ssh:'].includes(protocol)) return null;
  const scheme = protocol.replace(/:$/, '');
  return {
    message: `unsupported engine endpoint ${url}: ${scheme}:// is not supported${scheme === 'npipe' ? ' (named pipes are Windows-only)' : ''}`,
    hint: `point DOCKER_HOST (or the context) at ${SUPPORTED_SCHEMES}`,
  };
}

function checked(e: Endpoint): Endpoint {
  const bad = unsupportedEndpoint(e.url);
  if (bad) throw new EndpointError(e, bad.message, bad.hint);
  return e;
}

/**
 * Which engine to talk to, in the docker CLI's order, then the well-known
 * sockets of rootless Docker, Docker Desktop, the system daemon and Podman.
 */
export function resolveEndpoint(opts: Partial<EndpointEnv> = {}): Endpoint {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  const isSocket = opts.isSocket ?? defaultIsSocket;
  const unusable = opts.unusable ?? defaultUnusable;

  if (env.DOCKER_HOST) return checked({ url: env.DOCKER_HOST, source: 'DOCKER_HOST', reason: 'DOCKER_HOST is set' });

  const dir = configDir(env, home);
  const configFile = join(dir, 'config.json');
  const configContext = (() => {
    try {
      const cfg = JSON.parse(readFileSync(configFile, 'utf8'));
      return typeof cfg.currentContext === 'string' && cfg.currentContext ? (cfg.currentContext as string) : null;
    } catch {
      return null;
    }
  })();
  const named = env.DOCKER_CONTEXT
    ? { name: env.DOCKER_CONTEXT, source: 'DOCKER_CONTEXT' as const, why: 'DOCKER_CONTEXT is set' }
    : configContext
      ? { name: configContext, source: 'docker-config' as const, why: `currentContext in ${configFile}` }
      : null;
  if (named && named.name !== 'default') {
    // As the docker CLI does: a context that is not there is an error, never a quiet fall back
    // to some other engine the user did not ask for.
    const ctx = contextEndpoint(dir, named.name);
    const asked: Endpoint = { url: '', source: named.source, reason: `${named.why} (context "${named.name}")` };
    if (!ctx) {
      throw new EndpointError(
        asked,
        `context "${named.name}" not found (${named.why}; contexts are read from ${join(dir, 'contexts')})`,
        named.source === 'DOCKER_CONTEXT'
          ? 'unset DOCKER_CONTEXT or name one `docker context ls` shows'
          : `choose one with \`docker context use NAME\`, or fix ${configFile}`,
      );
    }
    if (!ctx.host)
      throw new EndpointError(asked, `context "${named.name}" has no Docker endpoint`, 'choose another context, or set DOCKER_HOST');
    return checked({ ...asked, url: ctx.host });
  }

  const runtimeDir = env.XDG_RUNTIME_DIR;
  const candidates: Array<[string | undefined, Endpoint['source'], string]> = [
    [runtimeDir && join(runtimeDir, 'docker.sock'), 'rootless', 'rootless Docker socket found'],
    [join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop', 'Docker Desktop socket found'],
    ['/var/run/docker.sock', 'default', 'system Docker socket found'],
    [runtimeDir && join(runtimeDir, 'podman', 'podman.sock'), 'podman', "Podman's Docker-compatible socket found (rootless)"],
    ['/run/podman/podman.sock', 'podman', "Podman's Docker-compatible socket found"],
  ];
  // A socket this user may not open (root:docker 0660 for a rootless Podman user) is passed over
  // for the next one, and the answer says so.
  const skipped: Array<{ endpoint: Endpoint; why: string }> = [];
  const withSkipped = (reason: string) =>
    skipped.length ? `${reason}; skipped ${skipped.map((s) => `${s.endpoint.url.slice('unix://'.length)} (${s.why})`).join(', ')}` : reason;
  for (const [path, source, reason] of candidates) {
    if (!path || !isSocket(path)) continue;
    const endpoint: Endpoint = { url: `unix://${path}`, source, reason: `${reason}: ${path}` };
    const why = unusable(path);
    if (!why) return { ...endpoint, reason: withSkipped(endpoint.reason) };
    skipped.push({ endpoint, why });
  }
  // Nothing usable: the first one found, so that the engine's error says what was denied.
  const first = skipped.shift();
  if (first) return { ...first.endpoint, reason: withSkipped(`${first.endpoint.reason}, but ${first.why}`) };
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
    default: {
      const bad = unsupportedEndpoint(url)!;
      throw new NsInspectError('engine', bad.message, bad.hint);
    }
  }
}
