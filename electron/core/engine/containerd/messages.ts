// The messages nsinspect exchanges with containerd 1.6, field numbers as in containerd's
// api/services/{namespaces,containers,tasks,events,snapshots}/v1/*.proto and api/types/*.proto.
import { ProtoMessage, ProtoWriter } from './proto.js';

export const SERVICE = {
  namespacesList: '/containerd.services.namespaces.v1.Namespaces/List',
  containersList: '/containerd.services.containers.v1.Containers/List',
  containersGet: '/containerd.services.containers.v1.Containers/Get',
  tasksList: '/containerd.services.tasks.v1.Tasks/List',
  tasksGet: '/containerd.services.tasks.v1.Tasks/Get',
  tasksListPids: '/containerd.services.tasks.v1.Tasks/ListPids',
  snapshotsMounts: '/containerd.services.snapshots.v1.Snapshots/Mounts',
  eventsSubscribe: '/containerd.services.events.v1.Events/Subscribe',
} as const;

/** ListNamespacesRequest {filter = 1}, ListContainersRequest {repeated filters = 1}, ListTasksRequest {filter = 1}. */
export const emptyRequest = (): Buffer => Buffer.alloc(0);

/** GetContainerRequest {id = 1}; ListPidsRequest {container_id = 1}. */
export const idRequest = (id: string): Buffer => new ProtoWriter().string(1, id).finish();

/** MountsRequest {snapshotter = 1, key = 2}. */
export const mountsRequest = (snapshotter: string, key: string): Buffer => new ProtoWriter().string(1, snapshotter).string(2, key).finish();

/** SubscribeRequest {repeated filters = 1}. */
export const subscribeRequest = (filters: string[]): Buffer => {
  const w = new ProtoWriter();
  for (const f of filters) w.string(1, f);
  return w.finish();
};

/** ListNamespacesResponse {repeated Namespace namespaces = 1}; Namespace {name = 1, labels = 2}. */
export function decodeNamespaces(buf: Buffer): string[] {
  return new ProtoMessage(buf).messages(1).map((n) => n.string(1));
}

export interface CtrContainer {
  id: string;
  labels: Record<string, string>;
  image: string;
  runtime: string;
  /** The OCI runtime spec, which containerd keeps as JSON in a google.protobuf.Any. */
  spec: OciSpec | null;
  snapshotter: string;
  snapshotKey: string;
  /** Unix seconds. */
  createdAt: number;
}

/** The parts of the OCI runtime spec nsinspect reads. */
export interface OciSpec {
  hostname?: string;
  process?: {
    user?: { uid?: number; gid?: number };
    noNewPrivileges?: boolean;
    capabilities?: { bounding?: string[]; effective?: string[]; permitted?: string[] };
    args?: string[];
  };
  linux?: {
    namespaces?: { type: string; path?: string }[];
    seccomp?: unknown;
    uidMappings?: unknown[];
  };
}

function decodeSpec(any: ProtoMessage | null): OciSpec | null {
  // google.protobuf.Any {type_url = 1, value = 2}
  const value = any?.bytesList(2).at(-1);
  if (!value) return null;
  try {
    const spec = JSON.parse(value.toString('utf8')) as unknown;
    return spec && typeof spec === 'object' ? (spec as OciSpec) : null;
  } catch {
    return null;
  }
}

/**
 * Container {id = 1, labels = 2, image = 3, runtime = 4 {name = 1, options = 2}, spec = 5 (Any),
 * snapshotter = 6, snapshot_key = 7, created_at = 8 (Timestamp {seconds = 1, nanos = 2})}.
 */
export function decodeContainer(m: ProtoMessage): CtrContainer {
  return {
    id: m.string(1),
    labels: m.stringMap(2),
    image: m.string(3),
    runtime: m.message(4)?.string(1) ?? '',
    spec: decodeSpec(m.message(5)),
    snapshotter: m.string(6),
    snapshotKey: m.string(7),
    createdAt: m.message(8)?.num(1) ?? 0,
  };
}

/** ListContainersResponse {repeated Container containers = 1}. */
export const decodeContainers = (buf: Buffer): CtrContainer[] => new ProtoMessage(buf).messages(1).map(decodeContainer);

/** GetContainerResponse {Container container = 1}. */
export function decodeGetContainer(buf: Buffer): CtrContainer | null {
  const m = new ProtoMessage(buf).message(1);
  return m ? decodeContainer(m) : null;
}

/** containerd.v1.types.Status. */
export const TASK_STATUS = ['unknown', 'created', 'running', 'stopped', 'paused', 'pausing'] as const;
export type TaskStatus = (typeof TASK_STATUS)[number];

export interface CtrTask {
  containerId: string;
  pid: number;
  status: TaskStatus;
  exitStatus: number;
  /** Unix seconds; 0 while it runs. */
  exitedAt: number;
}

/**
 * ListTasksResponse {repeated Process tasks = 1}; Process (api/types/task) {container_id = 1, id = 2, pid = 3,
 * status = 4, …, exit_status = 9, exited_at = 10}.
 */
export function decodeTasks(buf: Buffer): CtrTask[] {
  return new ProtoMessage(buf).messages(1).map(decodeProcess);
}

/** GetResponse {Process process = 1} (GetRequest {container_id = 1, exec_id = 2}: idRequest). */
export function decodeGetTask(buf: Buffer): CtrTask | null {
  const p = new ProtoMessage(buf).message(1);
  return p ? decodeProcess(p) : null;
}

function decodeProcess(p: ProtoMessage): CtrTask {
  return {
    // Tasks/List names a task's init process by the container's ID in `id` and leaves container_id empty.
    containerId: p.string(1) || p.string(2),
    pid: p.num(3),
    status: TASK_STATUS[p.num(4)] ?? 'unknown',
    exitStatus: p.num(9),
    // Go's zero time is a negative int64 (year 1): not exited.
    exitedAt: Math.max(0, p.message(10)?.int(1) ?? 0),
  };
}

/** ListPidsResponse {repeated ProcessInfo processes = 1}; ProcessInfo {pid = 1, info = 2}. */
export const decodePids = (buf: Buffer): number[] => new ProtoMessage(buf).messages(1).map((p) => p.num(1));

export interface CtrMount {
  type: string;
  source: string;
  options: string[];
}

/** MountsResponse {repeated Mount mounts = 1}; Mount {type = 1, source = 2, target = 3, options = 4}. */
export function decodeMounts(buf: Buffer): CtrMount[] {
  return new ProtoMessage(buf).messages(1).map((m) => ({ type: m.string(1), source: m.string(2), options: m.strings(4) }));
}

export interface CtrEnvelope {
  namespace: string;
  topic: string;
  /** The container the event is about: field 1 of every /containers/* and /tasks/* event. */
  containerId: string;
}

/** Envelope {timestamp = 1, namespace = 2, topic = 3, event = 4 (Any {type_url = 1, value = 2})}. */
export function decodeEnvelope(buf: Buffer): CtrEnvelope {
  const m = new ProtoMessage(buf);
  const value = m.message(4)?.bytesList(2).at(-1);
  return { namespace: m.string(2), topic: m.string(3), containerId: value ? new ProtoMessage(value).string(1) : '' };
}
