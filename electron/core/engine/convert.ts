import type Docker from 'dockerode';
import type { Container, ContainerState } from '../../../shared/model/index.js';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function state(s: string | undefined): ContainerState {
  return (STATES as readonly string[]).includes(s ?? '') ? (s as ContainerState) : 'dead';
}

function mode(v: string | undefined, fallback: string): string {
  return v && v.length ? v : fallback;
}

/** Engine inspect data → the Container the list shows. */
export function containerFromInspect(info: Docker.ContainerInspectInfo, statusText?: string): Container {
  const hc = (info.HostConfig ?? {}) as Docker.HostConfig & { CgroupnsMode?: string; UTSMode?: string; UsernsMode?: string };
  const st = info.State;
  const running = st?.Running === true || st?.Paused === true;
  return {
    id: info.Id,
    name: (info.Name ?? '').replace(/^\//, ''),
    image: info.Config?.Image ?? info.Image,
    state: st?.Paused ? 'paused' : st?.Restarting ? 'restarting' : state(st?.Status),
    status: statusText ?? describeState(info),
    // Times, not the engine's "About a minute ago": the UI says how long ago when it draws.
    ...stamp('startedAt', st?.StartedAt),
    ...stamp('finishedAt', st?.FinishedAt),
    ...(st && !st.Running ? { exitCode: st.ExitCode } : {}),
    pid: running && st?.Pid && st.Pid > 0 ? st.Pid : null,
    created: Math.floor(Date.parse(info.Created) / 1000),
    hostname: info.Config?.Hostname ?? '',
    modes: {
      network: mode(hc.NetworkMode, 'default'),
      pid: mode(hc.PidMode, 'private'),
      ipc: mode(hc.IpcMode, 'private'),
      uts: mode(hc.UTSMode, 'private'),
      userns: mode(hc.UsernsMode, 'host'),
      cgroupns: mode(hc.CgroupnsMode, 'host'),
    },
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
    labels: info.Config?.Labels ?? {},
    engine: 'docker',
  };
}

/** Docker writes "0001-01-01T00:00:00Z" for "never". */
function stamp<K extends 'startedAt' | 'finishedAt'>(key: K, iso: string | undefined): Partial<Record<K, number>> {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ({ [key]: ms } as Partial<Record<K, number>>) : {};
}

function describeState(info: Docker.ContainerInspectInfo): string {
  const st = info.State;
  if (!st) return 'unknown';
  if (st.Running) return st.Paused ? 'Paused' : `Up since ${st.StartedAt}`;
  return `Exited (${st.ExitCode})`;
}

/**
 * A list entry (`GET /containers/json`) → a Container, before or without an inspection: the
 * list has no PID (the caller found it in /proc), no hostname and of the modes only the network
 * one; those are "" until the container is inspected.
 */
export function containerFromList(c: Docker.ContainerInfo, pid: number | null): Container {
  // Legacy links add names like "/web/db"; the container's own name is the one without a second '/'.
  const name = (c.Names ?? []).find((n) => n.lastIndexOf('/') === 0) ?? c.Names?.[0] ?? '';
  const st = state(c.State);
  return {
    id: c.Id,
    name: name.replace(/^\//, ''),
    image: c.Image,
    state: st,
    status: c.Status,
    pid: st === 'running' || st === 'paused' ? pid : null,
    created: c.Created,
    hostname: '',
    modes: { network: mode(c.HostConfig?.NetworkMode, 'default'), pid: '', ipc: '', uts: '', userns: '', cgroupns: '' },
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    labels: c.Labels ?? {},
    engine: 'docker',
  };
}
