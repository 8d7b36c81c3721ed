import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { checkContainerRef, ID64 } from '../../shared/model/index.js';
import { fail, NsInspectError } from '../core/errors.js';
import { parseStatStartTime } from '../core/parse/proc.js';

/** The engine sockets the helper will talk to: fixed, root-owned locations only. */
const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'];

function engineGet(path: string): Promise<{ status: number; body: string }> {
  const socketPath = SOCKETS.find((s) => existsSync(s));
  if (!socketPath) return Promise.reject(new NsInspectError('engine', 'no engine socket at /var/run/docker.sock'));
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => reject(new NsInspectError('engine', `engine unreachable: ${e.message}`)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

export interface VerifiedContainer {
  id: string;
  name: string;
  pid: number;
  /** /proc/PID/stat field 22, in clock ticks since boot: a reused PID has another. */
  startTime: number;
}

export function startTimeOf(pid: number): number | null {
  try {
    return parseStatStartTime(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Whether /proc/PID/cgroup names the container ID (cgroup v1 and v2, cgroupfs and systemd drivers). */
export function cgroupNames(pid: number, id: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id);
  } catch {
    return false;
  }
}

/**
 * A container ID (64 hex) or name, resolved through the engine to its main PID, and the PID
 * checked: its cgroup names the container. Throws a clean error otherwise.
 */
export async function resolveContainer(given: unknown): Promise<VerifiedContainer> {
  const ref = checkContainerRef(given);
  const r = await engineGet(`/containers/${encodeURIComponent(ref)}/json`);
  if (r.status === 404) throw fail('container.removed', { name: ref });
  if (r.status !== 200) throw new NsInspectError('engine', `the engine answered ${r.status}`);
  const info = JSON.parse(r.body) as { Id?: string; Name?: string; State?: { Running?: boolean; Pid?: number; Status?: string } };
  if (!info.Id || !ID64.test(info.Id)) throw new NsInspectError('engine', 'the engine returned no container ID');
  const pid = info.State?.Pid ?? 0;
  if (!info.State?.Running || !Number.isInteger(pid) || pid <= 0) {
    throw fail('container.not-running', { name: ref, state: info.State?.Status ?? '?' });
  }
  const startTime = startTimeOf(pid);
  if (startTime === null || !cgroupNames(pid, info.Id)) throw fail('pid.not-container', { pid, name: ref });
  return { id: info.Id, name: (info.Name ?? '').replace(/^\//, ''), pid, startTime };
}

/** Checked again right before every entry: the same process still runs in the container. */
export function stillValid(c: VerifiedContainer): boolean {
  return startTimeOf(c.pid) === c.startTime && cgroupNames(c.pid, c.id);
}

export function assertStillValid(c: VerifiedContainer): void {
  if (!stillValid(c)) throw fail('pid.not-container', { pid: c.pid, name: c.name || c.id.slice(0, 12) });
}
