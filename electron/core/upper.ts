import {
  UPPER_LIMIT,
  UPPER_MAX,
  type MapContainerRef,
  type UpperChange,
  type UpperLayer,
  type UpperNote,
} from '../../shared/model/index.js';
import type { FileStat, ProbeAccess, Read } from './access/access.js';
import { fail } from './errors.js';

/** Entries looked at, at most: a big layer stays a quick answer. */
const MAX_SCANNED = 50_000;

const isWhiteout = (s: FileStat) => s.type === 'char' && s.rdev === 0;

/** Where a path is in the read-only layers, looked up as overlayfs does: top-down, the first entry wins. */
interface Below {
  /** null: not in the image (never was, or deleted there by a whiteout). */
  stat: FileStat | null;
  path?: string | undefined;
  /** The layers, top-down, where it is a real directory (until one hides the rest): where its children can be. */
  dirLayers: number[];
}

const NOT_BELOW: Below = { stat: null, dirLayers: [] };

export interface UpperSource {
  container: MapContainerRef;
  upperDir: string;
  lowerDirs: string[];
  /** The overlay mounted on the host; null for a stopped container (then only whiteouts tell deletions). */
  mergedDir: string | null;
}

/**
 * The container's own upper layer against its image, as `docker diff` reports it:
 * every entry of the upper directory is added, or changed when the image had it;
 * deletions are what the image had and the merged view no longer shows, which
 * covers whiteouts (0:0 character devices) and opaque directories (a directory
 * removed and made again) alike. Only lstat and listings, built only through
 * directories seen to be real ones, so no symlink in a layer is ever followed.
 */
export async function readUpperLayer(access: ProbeAccess, src: UpperSource, limit = UPPER_LIMIT): Promise<UpperLayer> {
  const walk = new Walk(access, src, Math.min(Math.max(1, limit), UPPER_MAX));
  const layers = src.lowerDirs.map((_, i) => i);
  const [root] = await walk.below([''], layers);
  await walk.dir('', root ?? NOT_BELOW);
  return {
    container: src.container,
    upperDir: src.upperDir,
    mergedDir: src.mergedDir,
    changes: walk.changes,
    truncated: walk.truncated,
    limit: walk.limit,
    notes: walk.notes,
  };
}

class Walk {
  readonly changes: UpperChange[] = [];
  private readonly noted = new Map<string, UpperNote>();
  truncated = false;
  private scanned = 0;

  constructor(
    private readonly access: ProbeAccess,
    private readonly src: UpperSource,
    readonly limit: number,
  ) {}

  get notes(): UpperNote[] {
    return [...this.noted.values()];
  }

  private note(n: UpperNote): void {
    this.noted.set(`${n.code}:${n.path ?? ''}`, n);
  }

  private full(): boolean {
    if (this.changes.length >= this.limit || this.scanned >= MAX_SCANNED) this.truncated = true;
    return this.truncated;
  }

  private add(c: UpperChange, at = this.changes.length): void {
    if (this.changes.length >= this.limit) this.truncated = true;
    else this.changes.splice(at, 0, c);
  }

  async below(rels: string[], layers: number[]): Promise<Below[]> {
    if (!layers.length || !rels.length) return rels.map(() => NOT_BELOW);
    const paths = rels.flatMap((r) => layers.map((i) => this.src.lowerDirs[i] + r));
    const st = await this.access.stat(paths);
    return rels.map((_, k) => {
      let first: Below | null = null;
      const dirLayers: number[] = [];
      for (let j = 0; j < layers.length; j++) {
        const s = st[k * layers.length + j];
        if (!s?.ok) continue;
        first ??= isWhiteout(s.value) ? { stat: null, dirLayers } : { stat: s.value, path: paths[k * layers.length + j], dirLayers };
        // A file or a whiteout hides what the layers under it have at this path.
        if (s.value.type !== 'dir') break;
        dirLayers.push(layers[j]!);
      }
      return first ?? NOT_BELOW;
    });
  }

  /** One directory of the upper layer; `image` is the same path in the image. Says whether anything inside changed. */
  async dir(rel: string, image: Below): Promise<boolean> {
    if (this.full()) return false;
    const listing = await this.access.listDir(this.src.upperDir + rel);
    if (!listing.ok) {
      // Not even the top could be listed: an empty answer would read as "nothing changed".
      if (!rel)
        throw fail(
          'upper.unlisted',
          { name: this.src.container.name, detail: listing.error.message },
          listing.error.code === 'permission' ? 'permission' : 'failed',
        );
      this.note({ code: 'unlisted', path: rel || '/', message: `${rel || '/'} could not be listed: ${listing.error.message}` });
      return false;
    }
    const names = [...listing.value].sort();
    this.scanned += names.length;
    const rels = names.map((n) => `${rel}/${n}`);
    const [stats, belows] = await Promise.all([
      this.access.stat(rels.map((r) => this.src.upperDir + r)),
      this.below(rels, image.dirLayers),
    ]);
    const before = this.changes.length;
    const deletionsSeen = image.stat ? await this.deletions(rel, image, new Map(names.map((n, i) => [n, stats[i]!]))) : false;
    for (let i = 0; i < names.length && !this.full(); i++) {
      const s = stats[i];
      if (!s?.ok) continue;
      const path = rels[i]!;
      const b = belows[i] ?? NOT_BELOW;
      const v = s.value;
      const hostPath = this.src.upperDir + path;
      if (isWhiteout(v)) {
        if (!deletionsSeen && b.stat)
          this.add({ path, kind: 'deleted', type: 'whiteout', hostPath, ...(b.path ? { lowerPath: b.path } : {}) });
        continue;
      }
      if (v.type === 'dir') {
        const wasDir = b.stat?.type === 'dir';
        const at = this.changes.length;
        const inner = await this.dir(path, wasDir ? b : NOT_BELOW);
        const opaque = this.changes.slice(at).some((c) => c.type === 'opaque' && c.hostPath === hostPath);
        if (!b.stat) this.add({ path, kind: 'added', type: 'dir', hostPath }, at);
        else if (!wasDir || inner || v.mode !== b.stat.mode || v.uid !== b.stat.uid) {
          this.add(
            { path, kind: 'changed', type: 'dir', hostPath, ...(b.path ? { lowerPath: b.path } : {}), ...(opaque ? { opaque } : {}) },
            at,
          );
        }
        continue;
      }
      // Copied up means written to (or its metadata changed): docker diff calls that a change too.
      this.add({
        path,
        kind: b.stat ? 'changed' : 'added',
        type: v.type,
        hostPath,
        size: v.size,
        ...(b.path ? { lowerPath: b.path } : {}),
      });
    }
    return this.changes.length > before;
  }

  /**
   * What the image had in this directory and the merged view no longer shows. Returns
   * false when that cannot be told (no merged view): then the whiteouts alone say it.
   */
  private async deletions(rel: string, image: Below, upper: Map<string, Read<FileStat>>): Promise<boolean> {
    if (!this.src.mergedDir) {
      this.note({
        code: 'stopped',
        message: 'stopped: deletions are known by their whiteouts only; a directory removed and made again (opaque) shows as changed',
      });
      return false;
    }
    const [merged, ...lowers] = await Promise.all([
      this.access.listDir(this.src.mergedDir + rel),
      ...image.dirLayers.map((i) => this.access.listDir(this.src.lowerDirs[i] + rel)),
    ]);
    if (!merged?.ok) {
      this.note({
        code: 'merged-unreadable',
        path: rel || '/',
        message: `the merged view of ${rel || '/'} is unreadable (${merged?.error.message}): deletions there are known by their whiteouts only`,
      });
      return false;
    }
    const shown = new Set(merged.value);
    const had = new Set(lowers.flatMap((l) => (l.ok ? l.value : [])));
    const gone = [...had].filter((n) => !shown.has(n)).sort();
    // A name a lower layer lists may be a whiteout there: deleted by the image itself, not by the container.
    const bs = await this.below(
      gone.map((n) => `${rel}/${n}`),
      image.dirLayers,
    );
    gone.forEach((n, k) => {
      const b = bs[k];
      if (!b?.stat) return;
      const u = upper.get(n);
      const whiteout = u?.ok === true && isWhiteout(u.value);
      const path = `${rel}/${n}`;
      this.add({
        path,
        kind: 'deleted',
        type: whiteout ? 'whiteout' : 'opaque',
        hostPath: whiteout ? this.src.upperDir + path : this.src.upperDir + rel,
        ...(b.path ? { lowerPath: b.path } : {}),
      });
    });
    return true;
  }
}
