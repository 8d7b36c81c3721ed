import { posix } from 'node:path';
import { problem, type Container, type FileLocation, type Mount } from '../../shared/model/index.js';
import type { FileStat, ProbeAccess, Read } from './access/access.js';
import { mountFor, parseMountinfo } from './parse/mountinfo.js';
import { readOverlay, type EngineLayers } from './probe/mnt.js';
import { errorFromProblem, notRunning } from './errors.js';

/**
 * Where a path inside a container lives on the host (the tutorial's `locate`):
 * in the container's own upper layer, in an image layer, or on a volume or bind
 * mount — found by walking the layers top-down as overlayfs does.
 */
export async function locate(
  access: ProbeAccess,
  container: Container,
  path: string,
  layers: EngineLayers | undefined,
  hostPid: number,
): Promise<FileLocation> {
  if (container.pid === null) throw notRunning(container, container.state);
  const pid = container.pid;
  const ref = { id: container.id, name: container.name };
  // The container's links are followed inside its root (the last one not at all), so `/lnk/x`
  // with `/lnk -> /root` is the container's /root/x, never the host's.
  const [inner] = await access.resolve([`/proc/${pid}/root${posix.normalize(path)}`]);
  if (!inner?.ok) {
    const p = inner?.error ?? problem('read.unresolved');
    throw errorFromProblem(p, undefined, p.code === 'permission' ? 'permission' : 'not-found');
  }
  const clean = inner.value;
  const procPath = `/proc/${pid}/root${clean === '/' ? '' : clean}`;
  const [mi, hostMi] = await access.readFiles([`/proc/${pid}/mountinfo`, `/proc/${hostPid}/mountinfo`]);
  if (!mi?.ok) throw errorFromProblem(mi!.error, undefined, mi!.error.code === 'permission' ? 'permission' : 'gone');
  const mounts = parseMountinfo(mi.value);
  const m = mountFor(mounts, clean);
  const [procStat] = await access.stat([procPath]);
  const exists = procStat?.ok === true;
  const base: FileLocation = {
    container: ref,
    path: clean,
    exists,
    layer: 'none',
    lowerIndex: null,
    hostPath: null,
    mergedPath: null,
    procPath,
    whiteout: false,
    mount: null,
  };
  if (!m) return { ...base, note: 'no mount covers this path' };
  const mountInfo = { mountPoint: m.mountPoint, fsType: m.fsType, source: m.source };

  if (m.mountPoint !== '/' || m.fsType !== 'overlay') {
    const hostPath = hostMi?.ok ? hostPathOfMount(m, parseMountinfo(hostMi.value), clean) : null;
    return {
      ...base,
      layer: 'mount',
      mount: mountInfo,
      hostPath,
      ...(hostPath ? {} : { note: `on ${m.fsType} (${m.source}), which is not a directory on the host's filesystems` }),
    };
  }

  const overlay = await readOverlay(access, m, layers);
  const rel = clean === '/' ? '' : clean;
  const mergedPath = overlay.mergedDir ? `${overlay.mergedDir}${rel}` : null;
  const dirs = [overlay.upperDir, ...overlay.lowerDirs];
  const stats = await statInLayers(access, dirs, rel);
  for (let i = 0; i < dirs.length; i++) {
    const s = stats[i];
    if (!s?.ok) continue;
    // overlayfs marks a deleted file with a 0:0 character device in a higher layer.
    if (s.value.type === 'char' && s.value.rdev === 0) {
      return {
        ...base,
        mount: mountInfo,
        mergedPath,
        layer: i === 0 ? 'upper' : 'lower',
        lowerIndex: i === 0 ? null : i - 1,
        hostPath: `${dirs[i]}${rel}`,
        whiteout: true,
        exists: false,
        note: 'deleted in the container (whiteout)',
      };
    }
    return {
      ...base,
      mount: mountInfo,
      mergedPath,
      layer: i === 0 ? 'upper' : 'lower',
      lowerIndex: i === 0 ? null : i - 1,
      hostPath: `${dirs[i]}${rel}`,
    };
  }
  return { ...base, mount: mountInfo, mergedPath, note: 'not in any layer' };
}

/**
 * lstat of rel in each layer directory, component by component: every component before the last
 * must be a plain directory in that layer. A link there is not followed (the kernel would follow
 * it from the host's root, out of the layer), and the layer does not hold the path.
 */
export async function statInLayers(access: ProbeAccess, dirs: string[], rel: string): Promise<Array<Read<FileStat> | undefined>> {
  const parts = rel.split('/').filter(Boolean);
  if (!parts.length) return access.stat(dirs);
  const prefixes = parts.map((_, k) => `/${parts.slice(0, k + 1).join('/')}`);
  const got = await access.stat(dirs.flatMap((d) => prefixes.map((p) => `${d}${p}`)));
  return dirs.map((d, i) => {
    const mine = got.slice(i * prefixes.length, (i + 1) * prefixes.length);
    for (let k = 0; k < mine.length - 1; k++) {
      const s = mine[k];
      if (!s?.ok) return s;
      // A whiteout of a parent hides the path in every lower layer: report it as the answer.
      if (s.value.type === 'char' && s.value.rdev === 0) return s;
      if (s.value.type !== 'dir') return { ok: false, error: problem('read.not-a-directory', { path: `${d}${prefixes[k]}` }) };
    }
    return mine[mine.length - 1];
  });
}

/**
 * A bind mount or volume's host path: a host mount of the same device whose
 * root contains the container mount's root.
 */
function hostPathOfMount(m: Mount, hostMounts: Mount[], path: string): string | null {
  const rest = path.slice(m.mountPoint === '/' ? 0 : m.mountPoint.length);
  const candidates = hostMounts.filter(
    (h) => h.device === m.device && (m.root === h.root || m.root.startsWith(h.root === '/' ? '/' : `${h.root}/`)),
  );
  if (!candidates.length || ['proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'mqueue'].includes(m.fsType)) return null;
  const h = candidates.sort((x, y) => y.root.length - x.root.length)[0]!;
  const inner = m.root.slice(h.root === '/' ? 0 : h.root.length);
  return posix.join(h.mountPoint, inner, rest);
}
