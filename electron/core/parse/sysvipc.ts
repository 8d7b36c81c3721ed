import type { IdMapRange, MsgQueue, SemSet, ShmSegment } from '../../../shared/model/index.js';

/**
 * /proc/sysvipc/{shm,sem,msg}: a header line naming the columns, then one row
 * per object. Columns are read by name because their set differs by kernel.
 */
function table(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.shift()?.trim().split(/\s+/) ?? [];
  return lines.map((l) => {
    const cells = l.trim().split(/\s+/);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const hexKey = (k: string | undefined): string => `0x${(Number(k ?? 0) >>> 0).toString(16).padStart(8, '0')}`;
// The kernel already prints perms in octal.
const octal = (p: string | undefined): string => p ?? '';

export function parseShm(text: string): ShmSegment[] {
  return table(text).map((r) => ({
    key: hexKey(r.key),
    id: Number(r.shmid),
    perms: octal(r.perms),
    bytes: Number(r.size),
    creatorPid: Number(r.cpid),
    attached: Number(r.nattch),
    uid: Number(r.uid),
  }));
}

export function parseSem(text: string): SemSet[] {
  return table(text).map((r) => ({
    key: hexKey(r.key),
    id: Number(r.semid),
    perms: octal(r.perms),
    nsems: Number(r.nsems),
    uid: Number(r.uid),
  }));
}

export function parseMsg(text: string): MsgQueue[] {
  return table(text).map((r) => ({
    key: hexKey(r.key),
    id: Number(r.msqid),
    perms: octal(r.perms),
    usedBytes: Number(r.cbytes),
    messages: Number(r.qnum),
    uid: Number(r.uid),
  }));
}

/** uid_map / gid_map: "inside outside count" per line. */
export function parseIdMap(text: string): IdMapRange[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((f) => f.length === 3 && f.every(Number.isFinite))
    .map(([inside, outside, count]) => ({ inside: inside!, outside: outside!, count: count! }));
}
