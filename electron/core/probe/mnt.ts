import type { MntSection, Mount, Overlay, Section } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseMountinfo, splitOptions } from '../parse/mountinfo.js';

/** What the engine says about the root filesystem (dockerode GraphDriver.Data). */
export interface EngineLayers {
  name: string;
  upperDir?: string | undefined;
  lowerDirs?: string[] | undefined;
  workDir?: string | undefined;
  mergedDir?: string | undefined;
}

export function engineLayers(graphDriver: { Name?: string; Data?: Record<string, string> | null } | undefined): EngineLayers | undefined {
  if (!graphDriver?.Data) return undefined;
  const d = graphDriver.Data;
  return {
    name: graphDriver.Name ?? '',
    upperDir: d.UpperDir,
    lowerDirs: d.LowerDir ? d.LowerDir.split(':') : undefined,
    workDir: d.WorkDir,
    mergedDir: d.MergedDir,
  };
}

function resolveRelative(base: string, p: string): string {
  if (p.startsWith('/')) return p;
  const parts = base.split('/');
  for (const seg of p.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/') || '/';
}

/**
 * The root's overlay layers. Docker writes lowerdir as short links
 * (…/overlay2/l/ABCD → ../<id>/diff) to fit the mount options in a page; we
 * resolve them, so the paths match the engine's and can be opened.
 */
export async function readOverlay(access: ProbeAccess, root: Mount, engine?: EngineLayers): Promise<Overlay> {
  const opts = splitOptions(root.superOptions);
  const given = (opts.get('lowerdir') ?? '').split(':').filter(Boolean);
  const links = await access.readLinks(given);
  const lowerLayers = given.map((g, i) => {
    const l = links[i];
    const dir = g.slice(0, g.lastIndexOf('/'));
    return { given: g, path: l?.ok ? resolveRelative(dir, l.value) : g };
  });
  const upperDir = opts.get('upperdir') ?? '';
  const lowerDirs = lowerLayers.map((l) => l.path);
  const agrees =
    engine && engine.upperDir && engine.lowerDirs
      ? engine.upperDir === upperDir && engine.lowerDirs.join(':') === lowerDirs.join(':')
      : null;
  return {
    upperDir,
    workDir: opts.get('workdir') ?? null,
    lowerDirs,
    lowerLayers,
    mergedDir: engine?.mergedDir ?? null,
    engineAgrees: agrees,
  };
}

export async function readMnt(access: ProbeAccess, pid: number, engine?: EngineLayers): Promise<Section<MntSection>> {
  const [r] = await access.readFiles([`/proc/${pid}/mountinfo`]);
  if (!r?.ok) return { error: r!.error };
  const mounts = parseMountinfo(r.value);
  const root = mounts.find((m) => m.mountPoint === '/' && m.fsType === 'overlay');
  return root ? { mounts, overlay: await readOverlay(access, root, engine) } : { mounts };
}
