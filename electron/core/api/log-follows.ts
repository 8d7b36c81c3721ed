import { randomBytes } from 'node:crypto';
import { LOG_BATCH_MAX, type LogEnd } from '../../../shared/model/index.js';
import type { NsInspectService } from '../service.js';
import { toApiError } from './dispatch.js';

/** How often the text of a follow is sent: a container that prints fast costs one event per tick. */
const FLUSH_MS = 100;

export interface LogEvents {
  data(id: string, text: string): void;
  end(id: string, end: LogEnd): void;
}

/**
 * The log follows of one connection: each sends its text in batches of at most LOG_BATCH_MAX
 * bytes per tick (what a container writes beyond that in one tick is skipped, and the batch
 * says how much), and stops when the renderer closes it or the connection goes away.
 */
export class LogFollows {
  private readonly follows = new Map<string, { stop: () => void; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly service: NsInspectService,
    private readonly events: LogEvents,
  ) {}

  async open(ref: string, tail: number): Promise<{ id: string }> {
    const id = randomBytes(8).toString('hex');
    let pending = '';
    let skipped = 0;
    const flush = () => {
      const f = this.follows.get(id);
      if (f) f.timer = null;
      if (!pending && !skipped) return;
      const text = skipped ? `${pending}\n[… ${skipped} bytes skipped …]\n` : pending;
      pending = '';
      skipped = 0;
      this.events.data(id, text);
    };
    const entry: { stop: () => void; timer: NodeJS.Timeout | null } = { stop: () => undefined, timer: null };
    this.follows.set(id, entry);
    try {
      entry.stop = await this.service.followLogs(ref, tail, {
        data: (text) => {
          if (!this.follows.has(id)) return;
          if (pending.length + text.length > LOG_BATCH_MAX) {
            const room = Math.max(0, LOG_BATCH_MAX - pending.length);
            pending += text.slice(0, room);
            skipped += text.length - room;
          } else pending += text;
          entry.timer ??= setTimeout(flush, FLUSH_MS);
        },
        end: (e) => {
          if (!this.follows.has(id)) return;
          // The answer to open() goes out first, then its text and end.
          setTimeout(() => {
            if (entry.timer) clearTimeout(entry.timer);
            flush();
            this.follows.delete(id);
            this.events.end(id, e ? { reason: 'error', error: toApiError(e) } : { reason: 'ended' });
          }, 0);
        },
      });
    } catch (e) {
      this.follows.delete(id);
      throw e;
    }
    return { id };
  }

  close(id: string): void {
    const f = this.follows.get(id);
    if (!f) return;
    this.follows.delete(id);
    if (f.timer) clearTimeout(f.timer);
    f.stop();
  }

  closeAll(): void {
    for (const id of [...this.follows.keys()]) this.close(id);
  }

  get size(): number {
    return this.follows.size;
  }
}
