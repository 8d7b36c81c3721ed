import type { EngineInspect } from './engine/types.js';
import type { Container } from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { errorFromProblem, fail, type NsInspectError } from './errors.js';
import { parseMountinfo } from './parse/mountinfo.js';
import { engineLayers, readOverlay } from './probe/mnt.js';
import type { UpperSource } from './upper.js';

/**
 * The layers of a container's root: while it runs, from its own mount table
 * (what the kernel really stacked); stopped, from what the engine records.
 */
export async function upperSource(access: ProbeAccess, container: Container, raw: EngineInspect | null): Promise<UpperSource> {
  const ref = { id: container.id, name: container.name };
  const layers = engineLayers(raw?.GraphDriver);
  const pid = raw?.State?.Running ? (raw.State.Pid ?? 0) : 0;
  if (pid > 0) {
    const [mi] = await access.readFiles([`/proc/${pid}/mountinfo`]);
    if (!mi?.ok) throw errorFromProblem(mi!.error, undefined, mi!.error.code === 'permission' ? 'permission' : 'gone');
    const root = parseMountinfo(mi.value).find((m) => m.mountPoint === '/' && m.fsType === 'overlay');
    if (!root) throw noOverlay(container, layers?.name);
    const o = await readOverlay(access, root, layers);
    return { container: ref, upperDir: o.upperDir, lowerDirs: o.lowerDirs, mergedDir: o.mergedDir };
  }
  if (layers?.upperDir && layers.lowerDirs && layers.name.startsWith('overlay')) {
    return { container: ref, upperDir: layers.upperDir, lowerDirs: layers.lowerDirs, mergedDir: null };
  }
  throw noOverlay(container, layers?.name);
}

function noOverlay(c: Container, driver: string | undefined): NsInspectError {
  return fail('upper.no-overlay', { name: c.name, driver: driver || '?' });
}
