import type { Container } from './container.js';
import type { HostTag } from './host.js';
import type { ChildNamespace, HostReference, Namespace } from './namespace.js';
import type { Section } from './problem.js';
import type { CgroupSection, IpcSection, MntSection, NetSection, PidSection, TimeSection, UserSection, UtsSection } from './sections.js';

export type AccessKind = 'direct' | 'docker-helper' | 'host-helper';

export const ACCESS_KINDS: readonly AccessKind[] = ['direct', 'docker-helper', 'host-helper'];

export function isAccessKind(v: unknown): v is AccessKind {
  return typeof v === 'string' && (ACCESS_KINDS as readonly string[]).includes(v);
}

export type Target =
  { kind: 'container'; pid: number; container: Container } | { kind: 'pid'; pid: number } | { kind: 'host'; pid: number };

/** Everything nsinspect knows about one process's namespaces. */
export interface Inspection {
  target: Target;
  /** Which backend read it. */
  access: AccessKind;
  host: HostReference;
  namespaces: Namespace[];
  childNamespaces: ChildNamespace[];
  net: Section<NetSection>;
  pid: Section<PidSection>;
  mnt: Section<MntSection>;
  uts: Section<UtsSection>;
  ipc: Section<IpcSection>;
  user: Section<UserSection>;
  cgroup: Section<CgroupSection>;
  time: Section<TimeSection>;
  /** Milliseconds it took, for the curious and the bench. */
  elapsedMs: number;
  /** The engine host it was read on, when serve has several open. */
  origin?: HostTag;
}

export type SectionName = 'net' | 'pid' | 'mnt' | 'uts' | 'ipc' | 'user' | 'cgroup' | 'time';
export const SECTION_NAMES: readonly SectionName[] = ['net', 'pid', 'mnt', 'uts', 'ipc', 'user', 'cgroup', 'time'];
