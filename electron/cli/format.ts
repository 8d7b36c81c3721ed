import {
  attribution,
  groupByPod,
  isFailed,
  type Comparison,
  type Container,
  type FileLocation,
  type HostMap,
  type Inspection,
  processTree,
  type Section,
  type Topology,
  type TopologyLinkParent,
} from '../../shared/model/index.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
}

const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
export const COLOR: Style = { bold: sgr('1'), dim: sgr('2'), green: sgr('32'), yellow: sgr('33'), red: sgr('31'), cyan: sgr('36') };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, green: (s) => s, yellow: (s) => s, red: (s) => s, cyan: (s) => s };

const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

export function table(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(c))));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - visible(c) + gap)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

const inode = (n: number | null | undefined) => (n === null || n === undefined ? '?' : String(n));

export function formatContainers(list: Container[], s: Style): string {
  if (!list.length) return 'No containers. Start one with `docker run -d IMAGE`.';
  // Engine and pod columns only when there is something to tell apart: Docker-only lists stay as they were.
  const engines = new Set(list.map((c) => c.engine ?? 'docker'));
  const withEngine = engines.size > 1 || !engines.has('docker');
  const withPod = list.some((c) => c.pod);
  const head = ['NAME', 'ID', 'STATE', 'PID', 'IMAGE', 'NET', 'PID NS', 'MNT NS'];
  const rows = [[...(withEngine ? ['ENGINE'] : []), ...(withPod ? ['POD'] : []), ...head].map(s.bold)];
  for (const c of withPod ? groupByPod(list) : list) {
    const engine = c.engine ?? 'docker';
    const pod = c.pod
      ? `${c.pod.namespace ? `${c.pod.namespace}/` : ''}${c.pod.name}${c.pod.infra ? (c.containerd ? ' (sandbox)' : ' (infra)') : ''}`
      : '-';
    rows.push([
      ...(withEngine ? [c.containerd ? `${engine}:${c.containerd.namespace}` : engine] : []),
      ...(withPod ? [c.pod?.infra ? s.cyan(pod) : pod] : []),
      c.name,
      c.id.slice(0, 12),
      c.state === 'running' ? s.green(c.state) : s.dim(c.state),
      c.pid === null ? '-' : String(c.pid),
      c.image,
      inode(c.namespaces?.net),
      inode(c.namespaces?.pid),
      inode(c.namespaces?.mnt),
    ]);
  }
  return table(rows);
}

function label(i: Inspection): string {
  const t = i.target;
  if (t.kind === 'container') return `${t.container.name} (pid ${t.pid})`;
  if (t.kind === 'host') return `host (pid ${t.pid})`;
  return `pid ${t.pid}`;
}

export function formatComparison(c: Comparison, s: Style): string {
  // B is the host: a host column would repeat B's inodes under another label.
  const bIsHost = c.b.target.kind === 'host';
  const hostLabel = `host (pid ${c.a.host.pid} ${c.a.host.comm})`;
  const rows = [
    [
      s.bold('TYPE'),
      s.bold(label(c.a)),
      s.bold(bIsHost ? hostLabel : label(c.b)),
      ...(bIsHost ? [] : [s.bold(hostLabel)]),
      s.bold(bIsHost ? 'A–host' : 'A–B'),
    ],
  ];
  for (const n of c.namespaces) {
    const mark = (v: number | null, withHost: boolean | null) => (withHost && !bIsHost ? `${inode(v)} ${s.yellow('=host')}` : inode(v));
    rows.push([
      n.type,
      mark(n.a.inode, n.sharedWithHost.a),
      bIsHost ? inode(n.b.inode) : mark(n.b.inode, n.sharedWithHost.b),
      ...(bIsHost ? [] : [inode(n.host.inode)]),
      n.differentHosts
        ? s.yellow('different hosts')
        : n.shared === null
          ? s.red('unknown')
          : n.shared
            ? s.green('shared')
            : s.cyan('isolated'),
    ]);
  }
  const lines = [table(rows), ''];
  const d = c.diff;
  const summary = (name: string, x: (typeof d)['net']) =>
    x.unreadable
      ? `${name.padEnd(7)} ${s.red(`unreadable in ${x.unreadable === 'both' ? 'A and B' : x.unreadable.toUpperCase()}`)}`
      : `${name.padEnd(7)} only A: ${x.onlyA.length ? x.onlyA.join(', ') : '-'}  |  only B: ${x.onlyB.length ? x.onlyB.join(', ') : '-'}  |  differ: ${x.changed.length ? x.changed.join(', ') : '-'}`;
  lines.push(s.bold('Differences in content'));
  for (const k of ['net', 'uts', 'ipc', 'user'] as const) lines.push(summary(k, d[k]));
  const procs = (n: string) => `${n} process${n === '1' ? '' : 'es'}`;
  lines.push(`pid     A: ${procs(count(c.a.pid, (p) => p.processes.length))}, B: ${procs(count(c.b.pid, (p) => p.processes.length))}`);
  lines.push(`mnt     ${d.mnt.onlyA.length + d.mnt.onlyB.length} mount points differ, ${d.mnt.same.length} alike`);
  lines.push(s.dim(`host reference: ${c.a.host.reason}`));
  return lines.join('\n');
}

function count<T>(sec: Section<T>, f: (v: T) => number): string {
  return isFailed(sec) ? `? (${sec.error.message})` : String(f(sec));
}

function failedLine<T>(name: string, sec: Section<T>, s: Style): string | null {
  return isFailed(sec) ? `${s.bold(name)}: ${s.red(sec.error.message)}${sec.error.hint ? ` — ${sec.error.hint}` : ''}` : null;
}

export function formatInspection(i: Inspection, s: Style): string {
  const hostRef = i.host.error
    ? s.red(`host namespaces unknown: ${i.host.error.message}`)
    : i.host.pid === 1
      ? s.dim(`host reference pid 1 (${i.host.comm})`)
      : s.yellow(`host reference: ${i.host.reason}`);
  const out: string[] = [`${s.bold(label(i))}  ${s.dim(`via ${i.access},`)} ${hostRef}`, ''];
  out.push(
    table([
      ['TYPE', 'INODE', 'HOST?'].map(s.bold),
      ...i.namespaces.map((n) => [
        n.type,
        n.error ? s.red(n.error.message) : inode(n.inode),
        n.sharedWithHost === null ? '?' : n.sharedWithHost ? s.yellow('host') : s.cyan('own'),
      ]),
    ]),
  );
  out.push('');
  out.push(
    failedLine('net', i.net, s) ??
      (isFailed(i.net)
        ? ''
        : [
            s.bold('net'),
            ...i.net.interfaces.map(
              (x) =>
                `  ${x.ifindex}: ${x.name} ${s.dim(x.kind)} ${x.mac ?? ''} ${x.addresses.join(' ')}${x.peer ? `  ↔ host ${x.peer.name} (${x.peer.ifindex})${x.peer.master ? ` on ${x.peer.master}` : ''}` : ''}`,
            ),
          ].join('\n')),
  );
  out.push(
    failedLine('pid', i.pid, s) ??
      (isFailed(i.pid)
        ? ''
        : [
            s.bold('pid') + s.dim('  host-pid ns-pid ppid user command'),
            ...processTree(i.pid.processes).map(
              ({ p, depth }) =>
                `  ${String(p.hostPid).padStart(7)} ${String(p.nsPid).padStart(6)} ${String(p.ppid).padStart(6)} ${p.user.padEnd(8)} ${'  '.repeat(depth)}${depth ? '└ ' : ''}${p.command}`,
            ),
            ...(i.pid.usersError ? [s.red(`  user names unknown: ${i.pid.usersError.message}`)] : []),
          ].join('\n')),
  );
  out.push(
    failedLine('uts', i.uts, s) ?? (isFailed(i.uts) ? '' : `${s.bold('uts')}  hostname ${i.uts.hostname}, domainname ${i.uts.domainname}`),
  );
  out.push(
    failedLine('ipc', i.ipc, s) ??
      (isFailed(i.ipc)
        ? ''
        : `${s.bold('ipc')}  shm ${i.ipc.shm.map((x) => `${x.key}(${x.bytes}B)`).join(' ') || '-'}; sem ${i.ipc.sem.map((x) => x.key).join(' ') || '-'}; msg ${i.ipc.msg.map((x) => x.key).join(' ') || '-'}; mqueue ${i.ipc.mqueueError ? s.red(i.ipc.mqueueError.message) : i.ipc.mqueue.map((x) => x.name).join(' ') || '-'}`),
  );
  out.push(
    failedLine('user', i.user, s) ??
      (isFailed(i.user)
        ? ''
        : `${s.bold('user')} uid_map ${i.user.uidMap.map((r) => `${r.inside} ${r.outside} ${r.count}`).join('; ')}; gid_map ${i.user.gidMap.map((r) => `${r.inside} ${r.outside} ${r.count}`).join('; ')}`),
  );
  if (isFailed(i.mnt)) out.push(failedLine('mnt', i.mnt, s)!);
  else {
    out.push(`${s.bold('mnt')}  ${i.mnt.mounts.length} mounts`);
    const o = i.mnt.overlay;
    if (o) out.push(`  overlay upper ${o.upperDir}\n  ${o.lowerDirs.length} lower layers, merged ${o.mergedDir ?? '?'}`);
  }
  out.push(
    failedLine('cgroup', i.cgroup, s) ??
      (isFailed(i.cgroup)
        ? ''
        : [
            `${s.bold('cgroup')} host view: ${i.cgroup.hostView[0] ?? '-'}`,
            `       inside: ${i.cgroup.nsView ? (i.cgroup.nsView[0] ?? '-') : s.red(i.cgroup.nsViewError?.message ?? 'unknown')}`,
          ].join('\n')),
  );
  out.push(
    failedLine('time', i.time, s) ??
      (isFailed(i.time)
        ? ''
        : `${s.bold('time')} ${i.time.offsets.map((o) => `${o.clock} ${o.seconds}.${String(o.nanoseconds).padStart(9, '0')}s`).join(', ') || 'no offsets'}`),
  );
  return out.join('\n');
}

/** A namespace whose processes are none of the known engine's containers (a service's, a browser's sandbox, another engine's). */
const NO_KNOWN_ENGINE = '(no known engine)';

export function formatMap(m: HostMap, s: Style): string {
  const rows = [['TYPE', 'NS', 'NPROCS', 'PID', 'COMMAND', 'CONTAINERS'].map(s.bold)];
  for (const n of m.namespaces) {
    const names = n.containers.map(attribution).join(', ');
    rows.push([
      n.type,
      n.isHost ? s.yellow(String(n.inode)) : String(n.inode),
      String(n.nprocs),
      String(n.pid),
      n.command,
      n.containers.length > 1 ? s.green(names) : names || (n.isHost ? s.dim('(the host)') : s.dim(NO_KNOWN_ENGINE)),
    ]);
  }
  const unowned = m.namespaces.filter((n) => !n.isHost && !n.containers.length).length;
  return [
    table(rows),
    s.dim(
      `${m.namespaces.length} namespaces, ${m.scanned} processes scanned${m.unreadable ? `, ${m.unreadable} unreadable` : ''}; host = pid ${m.hostPid}`,
    ),
    ...(unowned
      ? [s.dim(`${NO_KNOWN_ENGINE}: ${unowned} namespaces hold no main process of a container of the engine nsinspect reads`)]
      : []),
  ].join('\n');
}

/** The tutorial's figure in text: each bridge, the veths on it, and the namespace behind each. */
export function formatTopology(t: Topology, s: Style): string {
  const lines: string[] = [];
  const nsByInode = new Map(t.netns.map((n) => [n.inode, n]));
  const unreadable = t.netns.some((n) => n.error);
  const vethLine = (v: Topology['veths'][number], last: boolean) => {
    const lead = `  ${last ? '└─' : '├─'} ${v.name} (${v.ifindex}) ⇄`;
    if (v.peerIn === 'host')
      return `${lead} ${v.peerName ?? '?'} (${v.peerIfindex ?? '?'}) on the host: ${s.yellow('unpaired')} (both ends on the host, no container's)`;
    if (v.peerIn === 'elsewhere' || v.peerNetns === null)
      return `${lead} ifindex ${v.peerIfindex ?? '?'} in another namespace: ${s.yellow(`belongs to another engine or to no container${unreadable ? ' (or to one whose interfaces could not be read)' : ''}`)}`;
    const ns = nsByInode.get(v.peerNetns);
    const peer = ns?.interfaces.find((i) => i.ifindex === v.peerIfindex);
    const names = ns?.containers.map((c) => c.name).join(', ') || 'no container';
    return `${lead} ${v.peerName ?? '?'} (${v.peerIfindex ?? '?'}) in net:[${v.peerNetns}]  ${s.cyan(names)}  ${peer?.addresses.join(' ') ?? ''}`.trimEnd();
  };
  for (const b of t.bridges) {
    lines.push(`${s.bold(b.name)}${b.network ? ` (network ${s.cyan(b.network)})` : ''} ${b.addresses.join(' ')} ${s.dim(b.state)}`);
    const on = t.veths.filter((v) => v.master === b.name);
    on.forEach((v, i) => lines.push(vethLine(v, i === on.length - 1)));
    if (!on.length) lines.push(s.dim('  (no veths)'));
  }
  const loose = t.veths.filter((v) => !v.master || !t.bridges.some((b) => b.name === v.master));
  if (loose.length) {
    lines.push(s.bold('veths on no bridge'));
    loose.forEach((v, i) => lines.push(vethLine(v, i === loose.length - 1)));
  }
  const wired = new Set(t.veths.map((v) => v.peerNetns));
  for (const n of t.netns.filter((n) => !n.isHost && !wired.has(n.inode))) {
    const parents = n.interfaces.filter((i) => i.parent);
    const inside = n.error
      ? s.red(`interfaces unreadable: ${n.error.message}${n.error.hint ? ` (${n.error.hint})` : ''}`)
      : parents.length
        ? parents.map((i) => `${i.name} ${i.kind} on ${parentText(i.parent!)}`).join(', ')
        : `${n.interfaces.map((i) => i.name).join(', ') || 'no interfaces'} (not wired to the host)`;
    lines.push(`${s.bold(`net:[${n.inode}]`)} ${s.cyan(n.containers.map((c) => c.name).join(', '))}: ${inside}`);
  }
  const host = t.netns.find((n) => n.isHost);
  if (host?.containers.length) lines.push(`${s.bold('host network')}: ${s.yellow(host.containers.map((c) => c.name).join(', '))}`);
  for (const note of t.notes ?? []) lines.push(s.dim(note));
  return lines.join('\n');
}

function parentText(p: TopologyLinkParent): string {
  const name = p.name ?? `ifindex ${p.ifindex}`;
  return `${name} (${p.onHost ? 'host' : 'same namespace'}${p.network ? `, network ${p.network}` : ''})`;
}

export function formatLocation(l: FileLocation, s: Style): string {
  const where =
    l.layer === 'upper'
      ? "the container's own (upper) layer"
      : l.layer === 'lower'
        ? `image layer ${l.lowerIndex} (0 = top)`
        : l.layer === 'mount'
          ? `a mount at ${l.mount?.mountPoint} (${l.mount?.fsType})`
          : 'nowhere';
  return [
    `${s.bold(l.path)} in ${l.container.name}: ${l.whiteout ? s.red('deleted (whiteout) in ') : l.exists ? '' : s.red('does not exist; ')}${where}`,
    l.hostPath ? `host path:   ${s.green(l.hostPath)}` : null,
    l.mergedPath ? `merged view: ${l.mergedPath}` : null,
    l.procPath ? `while running: ${l.procPath}` : null,
    l.note ? s.dim(l.note) : null,
  ]
    .filter(Boolean)
    .join('\n');
}
