import { ID64, type Container, type ContainerState } from '../../../../shared/model/index.js';
import type { CtrContainer, CtrTask, OciSpec } from './messages.js';

/** The labels the CRI plugin (and kubelet) put on a pod's containers. */
export const POD_NAME = 'io.kubernetes.pod.name';
export const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const POD_UID = 'io.kubernetes.pod.uid';
export const CONTAINER_NAME = 'io.kubernetes.container.name';
export const CRI_KIND = 'io.cri-containerd.kind';
/** nerdctl's name of a container (its ID is a hash). */
export const NERDCTL_NAME = 'nerdctl/name';

type Modes = Container['modes'];

/** OCI namespace types → the Container's mode names. */
const MODE_OF: Record<string, keyof Modes> = {
  network: 'network',
  pid: 'pid',
  ipc: 'ipc',
  uts: 'uts',
  user: 'userns',
  cgroup: 'cgroupns',
};

/**
 * The spec's namespaces as modes: absent from the spec is the host's, a path is joined
 * (`path:/var/run/netns/…`, as a pod's containers join the sandbox's), none is the container's own.
 */
export function modesOf(spec: OciSpec | null): Modes {
  const modes: Modes = { network: 'host', pid: 'host', ipc: 'host', uts: 'host', userns: 'host', cgroupns: 'host' };
  for (const ns of spec?.linux?.namespaces ?? []) {
    const key = MODE_OF[ns?.type];
    if (key) modes[key] = ns.path ? `path:${ns.path}` : 'private';
  }
  return modes;
}

export function podOf(labels: Record<string, string>): Container['pod'] | undefined {
  const name = labels[POD_NAME];
  if (!name) return undefined;
  const namespace = labels[POD_NAMESPACE];
  return { id: labels[POD_UID] ?? '', name, ...(namespace ? { namespace } : {}), infra: labels[CRI_KIND] === 'sandbox' };
}

/**
 * A name a user can type: nerdctl's, else for a CRI container (64-hex ID) pod_container as
 * `crictl ps` shows them, else containerd's ID (what `ctr` names it by).
 */
export function nameOf(c: CtrContainer): string {
  const nerdctl = c.labels[NERDCTL_NAME];
  if (nerdctl) return nerdctl;
  const pod = c.labels[POD_NAME];
  if (pod && ID64.test(c.id)) return `${pod}_${c.labels[CRI_KIND] === 'sandbox' ? 'POD' : (c.labels[CONTAINER_NAME] ?? c.id.slice(0, 12))}`;
  return c.id;
}

function stateOf(task: CtrTask | undefined): { state: ContainerState; status: string } {
  if (!task) return { state: 'created', status: 'no task' };
  switch (task.status) {
    case 'running':
      return { state: 'running', status: 'task running' };
    case 'paused':
    case 'pausing':
      return { state: 'paused', status: `task ${task.status}` };
    case 'created':
      return { state: 'created', status: 'task created' };
    case 'stopped':
      return { state: 'exited', status: `task stopped (exit ${task.exitStatus})` };
    default:
      return { state: 'dead', status: 'task state unknown' };
  }
}

/** containerd's container and its task (if any) → the Container the list shows. */
export function containerFromContainerd(namespace: string, c: CtrContainer, task: CtrTask | undefined): Container {
  const { state, status } = stateOf(task);
  const pod = podOf(c.labels);
  const live = state === 'running' || state === 'paused';
  return {
    id: c.id,
    name: nameOf(c),
    image: c.image,
    state,
    status,
    ...(task?.exitedAt ? { finishedAt: task.exitedAt * 1000, exitCode: task.exitStatus } : {}),
    pid: live && task && task.pid > 0 ? task.pid : null,
    created: c.createdAt,
    hostname: typeof c.spec?.hostname === 'string' ? c.spec.hostname : '',
    modes: modesOf(c.spec),
    networks: [],
    labels: c.labels,
    engine: 'containerd',
    ...(pod ? { pod } : {}),
    containerd: { namespace, snapshotter: c.snapshotter, snapshotKey: c.snapshotKey, runtime: c.runtime },
  };
}
