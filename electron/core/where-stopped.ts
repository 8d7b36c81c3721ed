import { posix } from 'node:path';
import type { Container, FileLocation } from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { fail } from './errors.js';
import type { EngineLayers } from './probe/mnt.js';
import { statInLayers } from './where.js';

/** A volume or bind mount as the engine's inspect data lists it. */
export interface EngineMount {
  Destination?: string;
  Source?: string;
  Type?: string;
}

/**
 * `where` for a stopped container: no process, so no root to resolve in, but the engine's layer
 * directories (GraphDriver data) stay on disk until the container is removed. The path is looked
 * up in the volumes first, then in the layers top-down; a link in the path is not followed
 * (following it would need the container's root), and the answer says so.
 */
export async function locateStopped(
  access: ProbeAccess,
  container: Container,
  path: string,
  layers: EngineLayers | undefined,
  mounts: EngineMount[],
): Promise<FileLocation> {
  const clean = posix.normalize(path);
  const rel = clean === '/' ? '' : clean;
  const base: FileLocation = {
    container: { id: container.id, name: container.name },
    path: clean,
    exists: false,
    layer: 'none',
    lowerIndex: null,
    hostPath: null,
    mergedPath: null,
    procPath: '',
    whiteout: false,
    mount: null,
  };
  const stopped = `the container is not running: answered from the engine's ${layers?.name || 'storage'} directories; links in the path are not followed`;
  const m = mounts
    .filter(
      (x) => x.Destination && x.Source && (clean === x.Destination || clean.startsWith(`${x.Destination === '/' ? '' : x.Destination}/`)),
    )
    .sort((a, b) => b.Destination!.length - a.Destination!.length)[0];
  if (m) {
    const hostPath = posix.join(m.Source!, clean.slice(m.Destination!.length));
    const [st] = await access.stat([hostPath]);
    return {
      ...base,
      layer: 'mount',
      exists: st?.ok === true,
      hostPath,
      mount: { mountPoint: m.Destination!, fsType: m.Type ?? 'bind', source: m.Source! },
      note: stopped,
    };
  }
  const dirs = [layers?.upperDir, ...(layers?.lowerDirs ?? [])].filter((d): d is string => !!d);
  if (!dirs.length)
    throw layers?.name
      ? fail('where.no-layers', { name: container.name, driver: layers.name })
      : fail('where.no-layer-data', { name: container.name });
  const mergedPath = null; // the merged view exists only while the container runs
  const stats = await statInLayers(access, dirs, rel);
  for (let i = 0; i < dirs.length; i++) {
    const s = stats[i];
    if (!s?.ok) continue;
    const where = {
      mergedPath,
      layer: layers?.upperDir && i === 0 ? ('upper' as const) : ('lower' as const),
      lowerIndex: layers?.upperDir ? (i === 0 ? null : i - 1) : i,
      hostPath: `${dirs[i]}${rel}`,
    };
    if (s.value.type === 'char' && s.value.rdev === 0)
      return { ...base, ...where, whiteout: true, note: `deleted in the container (whiteout); ${stopped}` };
    return { ...base, ...where, exists: true, note: stopped };
  }
  return { ...base, note: `not in any layer; ${stopped}` };
}
