import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { checkContainerRef, ID64 } from '../../shared/model/index.js';
import { fail } from '../core/errors.js';
import { parseStatStartTime } from '../core/parse/proc.js';
import { checkEngineSocket, DEFAULT_SOCKETS } from './engine-socket.js';

const MAX_ANSWER = 4 << 20;

function engineGet(path: string, socket: string | undefined): Promise<{ status: number; body: string }> {
  const socketPath = socket ?? DEFAULT_SOCKETS.find((s) => existsSync(s));
  if (!socketPath) return Promise.reject(fail('helper.no-engine-socket'));
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // A hostile or broken engine's endless answer is cut off, not buffered.
        size += c.length;
        if (size > MAX_ANSWER) req.destroy(new Error(`answer larger than ${MAX_ANSWER >> 20} MiB`));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => reject(fail('helper.engine-unreachable', { socket: socketPath, detail: e.message })));
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
 * A container ID (64 hex) or name, resolved through the engine (the client's, checked by
 * checkEngineSocket, else the system's) to its main PID, and the PID checked: its cgroup names
 * the container. Whatever the engine answers, no other process is taken. Throws a clean error otherwise.
 */
export async function resolveContainer(given: unknown, engine?: unknown): Promise<VerifiedContainer> {
  const ref = checkContainerRef(given);
  const socket = checkEngineSocket(engine);
  const r = await engineGet(`/containers/${encodeURIComponent(ref)}/json`, socket);
  if (r.status === 404) throw fail('container.no-such', { ref, endpoint: socket ? `unix://${socket}` : 'the system engine' });
  if (r.status !== 200) throw fail('helper.engine-status', { status: r.status });
  let info: { Id?: string; Name?: string; State?: { Running?: boolean; Pid?: number; Status?: string } };
  try {
    info = JSON.parse(r.body) as typeof info;
  } catch {
    throw fail('helper.engine-not-json');
  }
  if (!info.Id || !ID64.test(info.Id)) throw fail('helper.engine-no-id');
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
