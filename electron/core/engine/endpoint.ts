import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '../../../shared/model/index.js';
import { said, textOf, type MessageId, type MessageParams } from '../../../shared/messages.js';
import { fail, NsInspectError } from '../errors.js';
import { sshTransport } from './ssh.js';
import { contextTls, envTls, tlsAgent, type TlsSettings } from './tls.js';

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

export interface DockerContext {
  name: string;
  description: string;
  /** The Docker endpoint's URL; null when the context has none. */
  host: string | null;
  /** Its TLS material (contexts/tls/<id>/docker/), when it has any. */
  tls: TlsSettings | null;
}

/**
 * The contexts the docker CLI keeps under contexts/meta/<sha256 of name>/meta.json, with their
 * TLS material in contexts/tls/<same id>/docker/. Scanning for the Name field avoids depending on
 * the hashing scheme.
 */
export function readContexts(dir: string): DockerContext[] {
  const meta = join(dir, 'contexts', 'meta');
  if (!existsSync(meta)) return [];
  const out: DockerContext[] = [];
  for (const entry of readdirSync(meta)) {
    try {
      const m = JSON.parse(readFileSync(join(meta, entry, 'meta.json'), 'utf8')) as {
        Name?: string;
        Metadata?: { Description?: string };
        Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
      };
      if (typeof m.Name !== 'string' || !m.Name) continue;
      const d = m.Endpoints?.docker;
      out.push({
        name: m.Name,
        description: String(m.Metadata?.Description ?? ''),
        host: d?.Host ?? null,
        tls: contextTls(join(dir, 'contexts', 'tls', entry, 'docker'), d?.SkipTLSVerify === true, m.Name),
      });
    } catch {
      /* an unreadable context is none the CLI could use either */
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Why an endpoint was chosen: the English reason and the same by catalogue key. */
export function because(id: MessageId, params?: MessageParams): Pick<Endpoint, 'reason' | 'reasonSaid'> {
  const s = said(id, params);
  return { reason: textOf(s), reasonSaid: s };
}

/** The endpoint could not be chosen; `endpoint` is what was asked for, for the engine state. */
export class EndpointError extends NsInspectError {
  constructor(
    readonly endpoint: Endpoint,
    why: NsInspectError,
  ) {
    super('engine', why.message, why.hint);
    if (why.id) this.id = why.id;
    if (why.params) this.params = why.params;
  }
}

export const SUPPORTED_SCHEMES = 'unix://, tcp://, http://, https:// or ssh://';

/** Why a URL is not an endpoint nsinspect can speak to (a catalogued message), or null when it is one. */
export function unsupportedEndpoint(url: string): NsInspectError | null {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return fail('endpoint.not-url', { url, schemes: SUPPORTED_SCHEMES });
  }
  if (['unix:', 'tcp:', 'http:', 'https:', 'ssh:'].includes(protocol)) return null;
  const scheme = protocol.replace(/:$/, '');
  return fail(scheme === 'npipe' ? 'endpoint.npipe' : 'endpoint.unsupported', { url, scheme, schemes: SUPPORTED_SCHEMES });
}

function checked(e: Endpoint): Endpoint {
  const bad = unsupportedEndpoint(e.url);
  if (bad) throw new EndpointError(e, bad);
  return e;
}

/** The CLI's --host / --context, which come before the environment, as with the docker CLI. */
export interface EndpointChoice {
  host?: string;
  context?: string;
}

/** tcp:// gets the environment's TLS settings, as the docker CLI applies them to DOCKER_HOST and -H. */
function withEnvTls(e: Endpoint, env: NodeJS.ProcessEnv, home: string): Endpoint {
  if (!/^(tcp|https):/.test(e.url)) return e;
  const tls = envTls(env, home);
  return tls ? { ...e, tls } : e;
}

/** The name of the current context and why, as `docker context ls` marks it. */
export function currentContext(opts: Partial<EndpointEnv> & { choice?: EndpointChoice } = {}): {
  name: string;
  source: Endpoint['source'];
  why: string;
} {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  if (opts.choice?.context) return { name: opts.choice.context, source: 'option', why: '--context is given' };
  if (opts.choice?.host) return { name: 'default', source: 'option', why: '--host is given' };
  if (env.DOCKER_HOST) return { name: 'default', source: 'DOCKER_HOST', why: 'DOCKER_HOST is set' };
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, source: 'DOCKER_CONTEXT', why: 'DOCKER_CONTEXT is set' };
  const configFile = join(configDir(env, home), 'config.json');
  try {
    const cfg = JSON.parse(readFileSync(configFile, 'utf8'));
    if (typeof cfg.currentContext === 'string' && cfg.currentContext)
      return { name: cfg.currentContext as string, source: 'docker-config', why: `currentContext in ${configFile}` };
  } catch {
    /* no config: the default context */
  }
  return { name: 'default', source: 'default', why: 'no context is chosen' };
}

/** Where the docker CLI reads contexts from (for listings and messages). */
export function contextsDir(opts: Partial<EndpointEnv> = {}): string {
  const env = opts.env ?? process.env;
  return configDir(env, opts.home ?? env.HOME ?? homedir());
}

/**
 * Which engine to talk to, in the docker CLI's order (--host, --context, DOCKER_HOST,
 * DOCKER_CONTEXT, currentContext), then the well-known sockets of rootless Docker, Docker
 * Desktop, the system daemon and Podman.
 */
export function resolveEndpoint(opts: Partial<EndpointEnv> & { choice?: EndpointChoice } = {}): Endpoint {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  const isSocket = opts.isSocket ?? defaultIsSocket;
  const choice = opts.choice ?? {};
  const unusable = opts.unusable ?? defaultUnusable;

  if (choice.host && choice.context)
    throw new EndpointError({ url: '', source: 'option', ...because('endpoint.why-both-options') }, fail('endpoint.both-options'));
  if (choice.host) return checked(withEnvTls({ url: choice.host, source: 'option', ...because('endpoint.why-host-option') }, env, home));
  if (!choice.context && env.DOCKER_HOST)
    return checked(withEnvTls({ url: env.DOCKER_HOST, source: 'DOCKER_HOST', ...because('endpoint.why-docker-host') }, env, home));

  const dir = configDir(env, home);
  const configFile = join(dir, 'config.json');
  const named = currentContext({ env, home, choice });
  if (named.name !== 'default' || named.source === 'option') {
    const asked: Endpoint = {
      url: '',
      source: named.source,
      ...because(
        named.source === 'option'
          ? 'endpoint.why-context-option'
          : named.source === 'DOCKER_CONTEXT'
            ? 'endpoint.why-context-env'
            : 'endpoint.why-context-config',
        { name: named.name, config: configFile },
      ),
      context: named.name,
    };
    if (named.name === 'default') {
      // --context default: the engine the environment names, else the system socket.
      const url = env.DOCKER_HOST || 'unix:///var/run/docker.sock';
      return checked(withEnvTls({ ...asked, url }, env, home));
    }
    // As the docker CLI does: a context that is not there is an error, never a quiet fall back
    // to some other engine the user did not ask for.
    const ctx = readContexts(dir).find((c) => c.name === named.name);
    if (!ctx) {
      const missing = { name: named.name, why: named.why, dir: join(dir, 'contexts'), config: configFile };
      if (named.source === 'DOCKER_CONTEXT') throw new EndpointError(asked, fail('endpoint.no-context-env', missing));
      if (named.source === 'option') throw new EndpointError(asked, fail('endpoint.no-context-option', missing));
      throw new EndpointError(asked, fail('endpoint.no-context-config', missing));
    }
    if (!ctx.host) throw new EndpointError(asked, fail('endpoint.context-no-docker', { name: named.name }));
    return checked({ ...asked, url: ctx.host, ...(ctx.tls && /^(tcp|https):/.test(ctx.host) ? { tls: ctx.tls } : {}) });
  }

  const runtimeDir = env.XDG_RUNTIME_DIR;
  // The English of each (the catalogue's {found}); the Vietnamese names the socket by its path.
  const candidates: Array<[string | undefined, Endpoint['source'], string]> = [
    [runtimeDir && join(runtimeDir, 'docker.sock'), 'rootless', 'rootless Docker socket found'],
    [join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop', 'Docker Desktop socket found'],
    ['/var/run/docker.sock', 'default', 'system Docker socket found'],
    [runtimeDir && join(runtimeDir, 'podman', 'podman.sock'), 'podman', "Podman's Docker-compatible socket found (rootless)"],
    ['/run/podman/podman.sock', 'podman', "Podman's Docker-compatible socket found"],
  ];
  // A socket this user may not open (root:docker 0660 for a rootless Podman user) is passed over
  // for the next one, and the answer says so.
  const skipped: Array<{ path: string; source: Endpoint['source']; found: string; why: string }> = [];
  const skippedText = () => skipped.map((s) => `${s.path} (${s.why})`).join(', ');
  for (const [path, source, found] of candidates) {
    if (!path || !isSocket(path)) continue;
    const why = unusable(path);
    if (!why)
      return {
        url: `unix://${path}`,
        source,
        ...because(skipped.length ? 'endpoint.why-found-skipping' : 'endpoint.why-found', { found, path, skipped: skippedText() }),
      };
    skipped.push({ path, source, found, why });
  }
  // Nothing usable: the first one found, so that the engine's error says what was denied.
  const first = skipped.shift();
  if (first) {
    const params = { found: first.found, path: first.path, denied: first.why, skipped: skippedText() };
    return {
      url: `unix://${first.path}`,
      source: first.source,
      ...because(skipped.length ? 'endpoint.why-denied-skipping' : 'endpoint.why-denied', params),
    };
  }
  return { url: 'unix:///var/run/docker.sock', source: 'default', ...because('endpoint.why-none-found') };
}

/** Whether the engine's containers run on another machine (their /proc is not ours). */
export function isRemote(e: Endpoint): boolean {
  return !/^unix:/.test(e.url);
}

/**
 * dockerode constructor options for an endpoint. TLS and ssh:// go through the same agents as the
 * engine's own requests (see tls.ts, ssh.ts): one pool, one master connection per host.
 */
export function dockerodeOptions(e: Endpoint | string): Record<string, unknown> {
  const ep: Endpoint = typeof e === 'string' ? { url: e, source: 'option', reason: '' } : e;
  const u = URL.canParse(ep.url) ? new URL(ep.url) : null;
  switch (u?.protocol) {
    case 'unix:':
      return { socketPath: u.pathname };
    case 'tcp:':
    case 'http:':
      if (ep.tls) return { protocol: 'https', host: u.hostname, port: Number(u.port || 2376), agent: tlsAgentFor(ep) };
      return { protocol: 'http', host: u.hostname, port: Number(u.port || 2375) };
    case 'https:':
      return { protocol: 'https', host: u.hostname, port: Number(u.port || 2376), agent: tlsAgentFor(ep) };
    case 'ssh:':
      // dockerode's own ssh (ssh2) would skip ~/.ssh/config and known_hosts: its connections come
      // from the system ssh's channels instead, as plain HTTP over each.
      return { protocol: 'http', host: 'docker', port: 80, agent: sshTransport(ep.url).agent() };
    default: {
      throw unsupportedEndpoint(ep.url)!;
    }
  }
}

const tlsAgents = new Map<string, ReturnType<typeof tlsAgent>>();

/** One keep-alive TLS agent per endpoint and material in this process. */
export function tlsAgentFor(e: Endpoint): ReturnType<typeof tlsAgent> {
  const t = e.tls ?? { dir: '', verify: true, from: 'the system CAs' };
  const key = `${e.url} ${t.dir} ${t.verify}`;
  let a = tlsAgents.get(key);
  if (!a) tlsAgents.set(key, (a = tlsAgent(t)));
  return a;
}
