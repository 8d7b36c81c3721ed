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
