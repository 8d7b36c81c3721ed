import type { Container } from '../model/container.js';
import type { AccessKind } from '../model/inspection.js';
import type { NsType } from '../model/nstype.js';
import type { z } from 'zod';
import type { shellOpenRequest } from './shell-request.js';

export type ShellOpenRequest = z.infer<typeof shellOpenRequest>;

/** See `kind` in the schema: nsenter (the ticked namespaces) or docker-exec (the engine's exec). */
export type ShellKind = ShellOpenRequest['kind'];

export interface ShellSession {
  id: string;
  container: Pick<Container, 'id' | 'name' | 'pid'>;
  kind: ShellKind;
  namespaces: NsType[];
  access: AccessKind;
  /** The program that runs, for the tab's tooltip. */
  command: string[];
}

export type ShellEnd =
  | { reason: 'exited'; code: number; signal: string | null }
  | { reason: 'container-stopped' }
  | { reason: 'closed' }
  | { reason: 'error'; message: string };

/** Named presets of the namespace checklist. */
export const SHELL_PRESETS: Record<'exec' | 'net-only' | 'host-fs', { label: string; namespaces: NsType[] }> = {
  exec: { label: 'Like docker exec (all of the container)', namespaces: ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup'] },
  'net-only': { label: "Network only, with the host's tools", namespaces: ['net'] },
  'host-fs': { label: "Host filesystem, container's pid and net", namespaces: ['pid', 'net'] },
};
