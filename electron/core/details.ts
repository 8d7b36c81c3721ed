import type Docker from 'dockerode';
import type { ContainerDetails, EnvVar, MountSummary, PortBinding } from '../../shared/model/index.js';

/**
 * The engine's inspect answer, as a details panel shows it (labels, env, ports, mounts, the JSON).
 * Partial: containerd's answer is made to look like Docker's only as far as the engine needs.
 */
export function detailsFromInspect(raw: Partial<Docker.ContainerInspectInfo> & { Id: string }, name: string): ContainerDetails {
  const env: EnvVar[] = (raw.Config?.Env ?? []).map((kv) => {
    const i = kv.indexOf('=');
    return i < 0 ? { name: kv, value: '' } : { name: kv.slice(0, i), value: kv.slice(i + 1) };
  });
  const bound = raw.NetworkSettings?.Ports ?? {};
  const exposed = Object.keys(raw.Config?.ExposedPorts ?? {});
  const ports: PortBinding[] = [...new Set([...Object.keys(bound), ...exposed])].sort().map((port) => ({
    port,
    host: (bound[port] ?? []).map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`),
  }));
  const mounts: MountSummary[] = (raw.Mounts ?? []).map((m) => ({
    type: m.Type ?? '',
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    rw: m.RW !== false,
    ...(m.Name ? { name: m.Name } : {}),
  }));
  return {
    container: { id: raw.Id, name },
    image: raw.Config?.Image ?? raw.Image ?? '',
    command: [...(raw.Config?.Entrypoint ?? []), ...((raw.Config?.Cmd as string[] | undefined) ?? [])],
    labels: raw.Config?.Labels ?? {},
    env,
    ports,
    mounts,
    inspect: raw,
  };
}
