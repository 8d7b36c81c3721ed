// Several engine hosts in one window (serve): which host a container or an answer is on, and
// how an API reference names a container of a host other than the one serve started with.

/** An engine host that serve opened: a docker context, or the environment's engine ("default"). */
export interface HostTag {
  /** Unique among the open hosts: the context's name. */
  key: string;
  /** What the UI shows: the context's name, or the endpoint when no context names it. */
  label: string;
  /** The engine's URL (unix:///…, ssh://…, tcp://…). */
  endpoint: string;
  /**
   * 'local' when the engine is on this machine (a unix:// socket): hosts on one kernel number
   * their namespaces alike, so their inodes can be compared. Absent: a kernel of its own.
   */
  kernel?: 'local';
}

/** A docker context name, as `docker context create` accepts it; also a host's key. */
export const HOST_KEY = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,63}$/;

/**
 * Between a host's key and a container reference: "staging/web". Neither a context name nor a
 * container name or ID may hold it, so a qualified reference is never mistaken for a bare one.
 */
export const HOST_SEPARATOR = '/';

/** A reference on a host: bare on the first host (as in a one-host API), qualified on the others. */
export function qualifyRef(hostKey: string | null | undefined, ref: string): string {
  return hostKey ? `${hostKey}${HOST_SEPARATOR}${ref}` : ref;
}

/** The host key of a reference (null: the first host) and the reference on that host. */
export function splitHostRef(ref: string): { host: string | null; ref: string } {
  const at = ref.indexOf(HOST_SEPARATOR);
  return at < 0 ? { host: null, ref } : { host: ref.slice(0, at), ref: ref.slice(at + 1) };
}

/** Whether two answers come from the same engine host (untagged ones are the one host there is). */
export function sameHost(a: HostTag | undefined, b: HostTag | undefined): boolean {
  return (a?.key ?? null) === (b?.key ?? null);
}

/** The kernel a host's namespaces belong to: equal keys, comparable inodes. */
export function kernelOf(tag: HostTag | undefined): string {
  return tag?.kernel ?? tag?.key ?? '';
}

/** Whether two hosts' inode numbers name namespaces of one kernel (the same host, or two engines here). */
export function sameKernel(a: HostTag | undefined, b: HostTag | undefined): boolean {
  return sameHost(a, b) || (a?.kernel === 'local' && b?.kernel === 'local');
}

/** A docker context as `nsinspect contexts` lists it, and whether serve has it open. */
export interface EngineContext {
  name: string;
  description: string;
  /** The Docker endpoint's URL; null when the context has none. */
  endpoint: string | null;
  tls: { dir: string; verify: boolean } | null;
  current: boolean;
  /** Set for the local containerd, offered beside the docker contexts where its socket is. */
  engine?: 'containerd';
}

/** One host serve has open, as Settings and the host picker show it. */
export interface OpenHostInfo {
  tag: HostTag;
  /** The host serve started with: its references are bare, and it stays open. */
  primary: boolean;
  status: 'connecting' | 'connected' | 'unreachable';
  /** Why it is unreachable, in the engine's words. */
  message?: string;
}

/** The hosts serve has open and the contexts it could open. */
export interface HostsState {
  open: OpenHostInfo[];
  contexts: EngineContext[];
  /** Whether this face opens and closes hosts at run time (serve does; a one-host face does not). */
  canOpen: boolean;
}

/** The engine's own ID of a container, without its host's key. */
export function bareId(id: string): string {
  return splitHostRef(id).ref;
}

/** How the API and the UI name a container: its name, after its host's key when its ID has one. */
export function refOf(c: { id: string; name: string }): string {
  return qualifyRef(splitHostRef(c.id).host, c.name);
}

/** The container a reference (refOf) names in a list. */
export function findByRef<T extends { id: string; name: string }>(list: readonly T[], ref: string | null | undefined): T | undefined {
  return ref ? list.find((c) => refOf(c) === ref) : undefined;
}
