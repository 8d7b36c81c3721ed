import {
  splitHostRef,
  type Comparison,
  type Container,
  type ContainerDetails,
  type Inspection,
  type RequestChannel,
  type SettingsState,
  type ShellOpenRequest,
  type ShellSession,
} from '../../../shared/index.js';
import type { AskpassBroker } from '../api/askpass-broker.js';
import { openConnection, type Connection, type Emit } from '../api/connection.js';
import { checkRequest } from '../api/dispatch.js';
import { compareInspections } from '../compare.js';
import { fail } from '../errors.js';
import type { HostSet, OpenHost } from './host-set.js';
import { Qualifier } from './qualify.js';

interface Routed {
  host: OpenHost;
  conn: Connection;
  q: Qualifier;
}

/** Channels whose first argument is a container reference, answered by the host it names. */
const BY_REF = new Set<RequestChannel>(['inspect', 'where', 'containerAction', 'upperLayer', 'containerDetails', 'logsOpen']);
/** Channels of a terminal session, answered by the host that opened it. */
const BY_SESSION = new Set<RequestChannel>(['shellInput', 'shellResize', 'shellAck', 'shellClose']);

/**
 * One renderer talking to several engine hosts (serve --context a --context b): a connection
 * per host underneath, each call routed by the host its reference names ("KEY/ref"; bare: the
 * first host), each answer and event qualified by its host (Qualifier). Compare across two hosts
 * inspects each on its own host. Settings and password prompts are the first host's; a settings
 * change applies to every host.
 */
export function openHostsConnection(hosts: HostSet, emit: Emit, askpass: AskpassBroker): Connection {
  const routes = new Map<string, Routed>();
  const sessions = new Map<string, Routed>();
  const follows = new Map<string, Routed>();
  let closed = false;

  const attach = (host: OpenHost) => {
    const q = new Qualifier(host.tag, host.primary);
    const conn = openConnection(
      host.service,
      host.shells,
      (event, payload) => {
        if (event === 'containers') emit('containers', q.event(payload as Parameters<Qualifier['event']>[0]));
        else if (event === 'engine') {
          if (host.primary) emit('engine', payload as never);
        } else emit(event, payload as never);
      },
      host.primary ? { control: { settings: host.settings, askpass } } : {},
    );
    routes.set(host.tag.key, { host, conn, q });
  };
  const detach = (host: OpenHost) => {
    const r = routes.get(host.tag.key);
    if (!r || r.host !== host) return;
    routes.delete(host.tag.key);
    for (const m of [sessions, follows]) for (const [id, x] of m) if (x === r) m.delete(id);
    void r.conn.close();
  };
  const onState = (s: Parameters<Emit>[1]) => emit('hosts', s as never);
  for (const h of hosts.list()) attach(h);
  hosts.on('opened', attach);
  hosts.on('closed', detach);
  hosts.on('state', onState);

  const route = (key: string | null): Routed => {
    const host = hosts.get(key);
    const r = routes.get(host.tag.key);
    if (!r) throw fail('connection.closed');
    return r;
  };
  const first = () => route(null);
  /** A reference's host and the reference on it. */
  const byRef = (ref: string) => {
    const { host, ref: bare } = splitHostRef(ref);
    return { r: route(host), bare };
  };

  const listAll = async (): Promise<Container[]> => {
    const all = [...routes.values()];
    const got = await Promise.allSettled(all.map((r) => r.conn.call('listContainers', []) as Promise<Container[]>));
    // A host that does not answer is left out (Settings says why), unless none answers.
    if (got.every((g) => g.status === 'rejected')) throw (got[0] as PromiseRejectedResult).reason;
    return got.flatMap((g, i) => (g.status === 'fulfilled' ? g.value.map((c) => all[i]!.q.container(c)) : []));
  };

  const compare = async (a: string, b: string): Promise<Comparison> => {
    const ra = byRef(a);
    // The word "host" beside a container means that container's host.
    const rb = b === 'host' ? { r: ra.r, bare: b } : byRef(b);
    if (ra.r === rb.r) return ra.r.q.comparison((await ra.r.conn.call('compare', [ra.bare, rb.bare])) as Comparison);
    const [ia, ib] = await Promise.all([ra.r.conn.call('inspect', [ra.bare]), rb.r.conn.call('inspect', [rb.bare])]);
    return compareInspections(ra.r.q.inspection(ia as Inspection), rb.r.q.inspection(ib as Inspection));
  };

  const settingsSet = async (patch: unknown): Promise<SettingsState> => {
    const [head, ...rest] = [...routes.values()];
    await head!.conn.call('settingsSet', [patch]);
    await Promise.all(rest.map((r) => r.host.settings.update(patch).catch(() => undefined)));
    // As it is now: the first host's backend may have settled while the others were updated.
    return head!.host.settings.state();
  };

  const call = async (channel: RequestChannel, args: unknown[]): Promise<unknown> => {
    if (BY_REF.has(channel)) {
      const { r, bare } = byRef(args[0] as string);
      const answer = await r.conn.call(channel, [bare, ...args.slice(1)]);
      if (channel === 'inspect') return r.q.inspection(answer as Inspection);
      if (channel === 'containerDetails') return r.q.details(answer as ContainerDetails);
      if (channel === 'logsOpen') follows.set((answer as { id: string }).id, r);
      return answer;
    }
    if (BY_SESSION.has(channel)) return (sessions.get(args[0] as string) ?? first()).conn.call(channel, args);
    switch (channel) {
      case 'listContainers':
        return listAll();
      case 'compare':
        return compare(args[0] as string, args[1] as string);
      case 'shellOpen': {
        const req = args[0] as ShellOpenRequest;
        const { r, bare } = byRef(req.container);
        const s = (await r.conn.call('shellOpen', [{ ...req, container: bare }])) as ShellSession;
        sessions.set(s.id, r);
        return r.q.session(s);
      }
      case 'logsClose': {
        const r = follows.get(args[0] as string);
        follows.delete(args[0] as string);
        return (r ?? first()).conn.call(channel, args);
      }
      case 'settingsSet':
        return settingsSet(args[0]);
      case 'hostsList':
        return hosts.state();
      case 'hostOpen':
        hosts.open(args[0] as string);
        return hosts.state();
      case 'hostClose':
        await hosts.close(args[0] as string);
        return hosts.state();
      default:
        // engineState, hostMap, topology, settings and password prompts: the first host's.
        return first().conn.call(channel, args);
    }
  };

  return {
    async call(channel, args) {
      if (closed) throw fail('connection.closed');
      const parsed = checkRequest(channel, args);
      return call(parsed.channel, parsed.args);
    },
    async close() {
      if (closed) return;
      closed = true;
      hosts.off('opened', attach);
      hosts.off('closed', detach);
      hosts.off('state', onState);
      const all = [...routes.values()];
      routes.clear();
      await Promise.all(all.map((r) => r.conn.close()));
    },
  };
}
