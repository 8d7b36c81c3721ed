import { describe, expect, it } from 'vitest';
import { attribution, groupByPod, mapRef, startHint, type Container } from '../../shared/model/index.js';
import { defaultEngine } from '../../electron/core/engine/choose.js';
import { containerFromContainerd, modesOf, nameOf } from '../../electron/core/engine/containerd/convert.js';
import { containerdEndpoint } from '../../electron/core/engine/containerd/endpoint.js';
import {
  decodeContainers,
  decodeEnvelope,
  decodeMounts,
  decodeNamespaces,
  decodeTasks,
  idRequest,
  mountsRequest,
  subscribeRequest,
} from '../../electron/core/engine/containerd/messages.js';
import { ProtoError, ProtoMessage, ProtoWriter } from '../../electron/core/engine/containerd/proto.js';
import { formatContainers, PLAIN } from '../../electron/cli/format.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** A length-delimited field by hand: tag (field << 3 | 2), length as a one- or two-byte varint, bytes. */
const ld = (field: number, body: Buffer | string) => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  if (b.length >= 1 << 14) throw new Error('test helper: lengths up to two varint bytes');
  const len = b.length < 128 ? [b.length] : [(b.length & 0x7f) | 0x80, b.length >> 7];
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...len]), b]);
};

describe('protobuf wire codec (hand-computed vectors)', () => {
  it('writes strings and varints as the wire format says', () => {
    expect(idRequest('k8s.io').toString('hex')).toBe('0a066b38732e696f');
    expect(new ProtoWriter().uint(3, 7398).finish().toString('hex')).toBe('18e639');
    expect(new ProtoWriter().uint(1, 300).finish().toString('hex')).toBe('08ac02');
    // proto3 leaves empty strings and zeros out.
    expect(new ProtoWriter().string(1, '').uint(2, 0).finish().length).toBe(0);
    expect(mountsRequest('overlayfs', 'app').toString('hex')).toBe('0a096f7665726c6179667312036170 70'.replace(/ /g, ''));
    expect(subscribeRequest(['a', 'b']).toString('hex')).toBe('0a01610a0162');
  });

  it('reads fields, repeated ones in order, last one wins for singular', () => {
    const m = new ProtoMessage(Buffer.concat([ld(1, 'x'), ld(1, 'y'), hex('10 ac 02'), ld(3, 'z')]));
    expect(m.strings(1)).toEqual(['x', 'y']);
    expect(m.string(1)).toBe('y');
    expect(m.num(2)).toBe(300);
    expect(m.string(9)).toBe('');
  });

  it('reads a negative int64 (Go’s zero time) as negative', () => {
    // seconds = -62135596800, as containerd sends a never-exited task's exited_at.
    expect(new ProtoMessage(hex('08 80 92 b8 c3 98 fe ff ff ff 01')).int(1)).toBeCloseTo(-62135596800, -4);
  });

  it('refuses truncated or malformed input instead of reading past it', () => {
    expect(() => new ProtoMessage(hex('0a 05 61 62'))).toThrow(ProtoError);
    expect(() => new ProtoMessage(hex('08 ff ff'))).toThrow(/truncated varint/);
    expect(() => new ProtoMessage(hex('0b'))).toThrow(/wire type 3/);
    expect(() => new ProtoMessage(hex('00 01'))).toThrow(/field number 0/);
  });

  it('a hostile "__proto__" label stays a plain label', () => {
    const entry = Buffer.concat([ld(1, '__proto__'), ld(2, 'x')]);
    const labels = new ProtoMessage(ld(2, entry)).stringMap(2);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(['__proto__']);
  });
});

describe('containerd messages', () => {
  // Tasks/List as containerd 1.6.20 answered it for the rig's pod (captured from its socket):
  // the init process names its container in `id` (field 2), container_id is empty.
  const TASKS =
    '0ada0112136e73692d6374642d7765622d73616e64626f7818e63920022a392f72756e2f636f6e7461696e6572642f6669666f2f32383030353730383734' +
    '2f6e73692d6374642d7765622d73616e64626f782d737464696e323a2f72756e2f636f6e7461696e6572642f6669666f2f323830303537303837342f6e73' +
    '692d6374642d7765622d73616e64626f782d7374646f75743a3a2f72756e2f636f6e7461696e6572642f6669666f2f323830303537303837342f6e73692d' +
    '6374642d7765622d73616e64626f782d737464657272520b088092b8c398feffffff010aca01120f6e73692d6374642d7765622d61707018913b20022a35' +
    '2f72756e2f636f6e7461696e6572642f6669666f2f333636363634343334362f6e73692d6374642d7765622d6170702d737464696e32362f72756e2f636f' +
    '6e7461696e6572642f6669666f2f333636363634343334362f6e73692d6374642d7765622d6170702d7374646f75743a362f72756e2f636f6e7461696e65' +
    '72642f6669666f2f333636363634343334362f6e73692d6374642d7765622d6170702d737464657272520b088092b8c398feffffff01';

  it('decodes a real Tasks/List answer: container, PID, status, not exited', () => {
    expect(decodeTasks(hex(TASKS))).toEqual([
      { containerId: 'nsi-ctd-web-sandbox', pid: 7398, status: 'running', exitStatus: 0, exitedAt: 0 },
      { containerId: 'nsi-ctd-web-app', pid: 7569, status: 'running', exitStatus: 0, exitedAt: 0 },
    ]);
  });

  it('decodes namespaces, containers (labels, image, runtime, spec, snapshotter, created) and mounts', () => {
    expect(decodeNamespaces(Buffer.concat([ld(1, ld(1, 'default')), ld(1, ld(1, 'k8s.io'))]))).toEqual(['default', 'k8s.io']);
    const spec = JSON.stringify({
      hostname: 'web',
      linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/var/run/netns/p1' }] },
    });
    const any = Buffer.concat([ld(1, 'types.containerd.io/opencontainers/runtime-spec/1/Spec'), ld(2, spec)]);
    const container = Buffer.concat([
      ld(1, 'app'),
      ld(2, Buffer.concat([ld(1, 'io.kubernetes.pod.name'), ld(2, 'web-7f9')])),
      ld(3, 'docker.io/library/x:1'),
      ld(4, ld(1, 'io.containerd.runc.v2')),
      ld(5, any),
      ld(6, 'overlayfs'),
      ld(7, 'app-snap'),
      ld(8, hex('08 e8 07')),
    ]);
    expect(decodeContainers(ld(1, container))).toEqual([
      {
        id: 'app',
        labels: { 'io.kubernetes.pod.name': 'web-7f9' },
        image: 'docker.io/library/x:1',
        runtime: 'io.containerd.runc.v2',
        spec: JSON.parse(spec),
        snapshotter: 'overlayfs',
        snapshotKey: 'app-snap',
        createdAt: 1000,
      },
    ]);
    const mount = Buffer.concat([ld(1, 'overlay'), ld(2, 'overlay'), ld(4, 'upperdir=/u'), ld(4, 'lowerdir=/l1:/l2')]);
    expect(decodeMounts(ld(1, mount))).toEqual([{ type: 'overlay', source: 'overlay', options: ['upperdir=/u', 'lowerdir=/l1:/l2'] }]);
  });

  it('a spec that is not JSON is no spec, not a crash', () => {
    const container = Buffer.concat([ld(1, 'c'), ld(5, Buffer.concat([ld(1, 't'), ld(2, '{nope')]))]);
    expect(decodeContainers(ld(1, container))[0]!.spec).toBeNull();
  });

  it('an event envelope names its namespace, topic and container (field 1 of the event)', () => {
    const event = Buffer.concat([
      ld(1, 'types.containerd.io/containerd.events.TaskStart'),
      ld(2, Buffer.concat([ld(1, 'late'), hex('10 2a')])),
    ]);
    const env = Buffer.concat([ld(1, hex('08 01')), ld(2, 'default'), ld(3, '/tasks/start'), ld(4, event)]);
    expect(decodeEnvelope(env)).toEqual({ namespace: 'default', topic: '/tasks/start', containerId: 'late' });
  });
});

describe('containerd containers in the model', () => {
  const base = { image: 'i', runtime: 'io.containerd.runc.v2', snapshotter: 'overlayfs', createdAt: 5 };
  const sandbox = {
    ...base,
    id: 'a'.repeat(64),
    snapshotKey: 'a'.repeat(64),
    labels: {
      'io.kubernetes.pod.name': 'web-7f9',
      'io.kubernetes.pod.namespace': 'shop',
      'io.kubernetes.pod.uid': 'u1',
      'io.cri-containerd.kind': 'sandbox',
    },
    spec: {
      linux: {
        namespaces: [{ type: 'network', path: '/var/run/netns/p' }, { type: 'ipc' }, { type: 'uts' }, { type: 'pid' }, { type: 'mount' }],
      },
    },
  };
  const app = {
    ...sandbox,
    id: 'b'.repeat(64),
    labels: { ...sandbox.labels, 'io.cri-containerd.kind': 'container', 'io.kubernetes.container.name': 'app' },
  };
  const running = (pid: number) => ({ containerId: '', pid, status: 'running' as const, exitStatus: 0, exitedAt: 0 });

  it('modes: absent is the host’s, a path is joined, else its own', () => {
    expect(modesOf(sandbox.spec)).toEqual({
      network: 'path:/var/run/netns/p',
      ipc: 'private',
      uts: 'private',
      pid: 'private',
      userns: 'host',
      cgroupns: 'host',
    });
    expect(modesOf(null).network).toBe('host');
  });

  it('names: nerdctl’s label, pod_container for CRI IDs, else the ID', () => {
    expect(nameOf(app)).toBe('web-7f9_app');
    expect(nameOf(sandbox)).toBe('web-7f9_POD');
    expect(nameOf({ ...base, id: 'x1', snapshotKey: 'x1', labels: { 'nerdctl/name': 'web' }, spec: null })).toBe('web');
    expect(nameOf({ ...base, id: 'plain', snapshotKey: 'plain', labels: {}, spec: null })).toBe('plain');
  });

  it('pod, engine and containerd fields; a stopped task has no PID', () => {
    const c = containerFromContainerd('k8s.io', app, running(42));
    expect(c).toMatchObject({
      engine: 'containerd',
      pid: 42,
      state: 'running',
      pod: { id: 'u1', name: 'web-7f9', namespace: 'shop', infra: false },
      containerd: { namespace: 'k8s.io', snapshotter: 'overlayfs', snapshotKey: app.snapshotKey },
    });
    expect(containerFromContainerd('k8s.io', sandbox, running(41)).pod?.infra).toBe(true);
    const stopped = containerFromContainerd('k8s.io', app, { ...running(42), status: 'stopped', exitStatus: 137, exitedAt: 100 });
    expect(stopped).toMatchObject({ state: 'exited', pid: null, exitCode: 137, finishedAt: 100_000 });
    expect(containerFromContainerd('default', app, undefined)).toMatchObject({ state: 'created', pid: null, status: 'no task' });
  });

  it('a stopped one is started again with ctr, a Docker one with docker', () => {
    const c = containerFromContainerd('k8s.io', app, undefined);
    expect(startHint(c)).toBe(`start its task: ctr -n k8s.io tasks start -d ${app.id}`);
    expect(startHint({ id: 'x', name: 'web', engine: 'docker' })).toBe('start it: docker start web');
  });

  it('ls groups a pod’s containers, its sandbox first; the map says "pod … / container …"', () => {
    const solo: Container = {
      ...containerFromContainerd('default', { ...base, id: 'solo', snapshotKey: 'solo', labels: {}, spec: null }, running(7)),
    };
    const list = [containerFromContainerd('k8s.io', app, running(42)), solo, containerFromContainerd('k8s.io', sandbox, running(41))];
    expect(groupByPod(list).map((c) => c.id)).toEqual([sandbox.id, app.id, 'solo']);
    const out = formatContainers(list, PLAIN).split('\n');
    expect(out[0]).toMatch(/^ENGINE\s+POD\s+NAME/);
    expect(out[1]).toMatch(/^containerd:k8s\.io\s+shop\/web-7f9 \(sandbox\)\s+web-7f9_POD/);
    expect(attribution(mapRef(list[0]!))).toBe('pod web-7f9 / container app');
    expect(attribution(mapRef(list[2]!))).toBe('pod web-7f9 / sandbox');
    expect(attribution(mapRef(solo))).toBe('solo');
  });
});

describe('which engine answers', () => {
  const sockets =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);

  it('CONTAINERD_ADDRESS as a path or a unix:// URL, else the system socket', () => {
    expect(containerdEndpoint({ CONTAINERD_ADDRESS: '/tmp/c.sock' })).toMatchObject({
      url: 'unix:///tmp/c.sock',
      source: 'CONTAINERD_ADDRESS',
    });
    expect(containerdEndpoint({ CONTAINERD_ADDRESS: 'unix:///tmp/c.sock' }).url).toBe('unix:///tmp/c.sock');
    expect(containerdEndpoint({}, sockets('/run/containerd/containerd.sock'))).toMatchObject({
      url: 'unix:///run/containerd/containerd.sock',
      reason: 'containerd socket found: /run/containerd/containerd.sock',
    });
  });

  it('Docker whenever it is there; containerd when only it is (a Kubernetes node)', () => {
    const home = { HOME: '/nonexistent-home' };
    expect(defaultEngine(home, sockets('/var/run/docker.sock', '/run/containerd/containerd.sock'))).toBe('docker');
    expect(defaultEngine(home, sockets('/run/containerd/containerd.sock'))).toBe('containerd');
    expect(defaultEngine({ ...home, CONTAINERD_ADDRESS: '/tmp/c.sock' }, sockets('/tmp/c.sock'))).toBe('containerd');
    expect(defaultEngine({ ...home, CONTAINERD_ADDRESS: '/tmp/c.sock', DOCKER_HOST: 'tcp://h:2375' }, sockets('/tmp/c.sock'))).toBe(
      'docker',
    );
    expect(defaultEngine(home, sockets())).toBe('docker');
  });
});

describe('a containerd that never answers', () => {
  it('fails after the deadline with what did not answer, and leaves nothing open', async () => {
    const { createServer } = await import('node:net');
    const { ContainerdEngine } = await import('../../electron/core/engine/containerd/engine.js');
    const path = `/tmp/nsi-ctd-hang-${process.pid}.sock`;
    const held: import('node:net').Socket[] = [];
    // Accepts and reads, never writes: no HTTP/2 settings, no answer.
    const server = createServer((s) => void held.push(s.on('data', () => undefined)));
    await new Promise<void>((r) => server.listen(path, r));
    const engine = new ContainerdEngine({ url: `unix://${path}`, source: 'option', reason: 'test' }, { live: false, timeoutMs: 500 });
    try {
      const started = Date.now();
      await expect(engine.start()).rejects.toThrow(/containerd did not answer for the namespace list within 0.5 s/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(engine.state.status).toBe('unreachable');
    } finally {
      await engine.stop();
      for (const s of held) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
