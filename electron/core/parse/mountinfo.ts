import type { Mount } from '../../../shared/model/index.js';

// mountinfo escapes space, tab, newline and backslash as octal.
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** proc(5) mountinfo: id parent major:minor root mountpoint options [optional…] - fstype source superoptions */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    const optional = left.slice(6);
    mounts.push({
      id: Number(left[0]),
      parentId: Number(left[1]),
      device: left[2] ?? '',
      root: unescape(left[3] ?? ''),
      mountPoint: unescape(left[4] ?? ''),
      options: left[5] ?? '',
      propagation: optional.length ? optional.join(' ') : 'private',
      fsType: right[0] ?? '',
      source: unescape(right[1] ?? ''),
      superOptions: right.slice(2).join(' '),
    });
  }
  return mounts;
}

/** Splits mount options on commas that are not escaped. */
export function splitOptions(options: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of options.split(/(?<!\\),/)) {
    const eq = part.indexOf('=');
    if (eq < 0) out.set(part, '');
    else out.set(part.slice(0, eq), part.slice(eq + 1).replace(/\\,/g, ','));
  }
  return out;
}

/** The mount a path falls under: the longest mount point that is a prefix of it (last one wins on stacking). */
export function mountFor(mounts: Mount[], path: string): Mount | undefined {
  let best: Mount | undefined;
  for (const m of mounts) {
    const mp = m.mountPoint;
    const under = mp === '/' || path === mp || path.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (under && (!best || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}
