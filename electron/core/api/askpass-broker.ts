import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AskpassPrompt } from '../../../shared/api/settings.js';
import type { AskpassHandler } from '../access/host-helper/askpass.js';

export type AskpassOutcome = 'answered' | 'cancelled' | 'timeout';

export interface AskpassBrokerEvents {
  ask: [AskpassPrompt];
  end: [{ id: string; outcome: AskpassOutcome }];
}

/**
 * Between the askpass relay and the UI: a prompt becomes an `askpass` event to every connected
 * renderer (and is listed for renderers that connect later); the first reply wins, the others'
 * dialogs are closed with `askpassEnd`. The password is handed to the relay and not kept.
 */
export class AskpassBroker extends EventEmitter<AskpassBrokerEvents> {
  private readonly waiting = new Map<string, { prompt: string; done: (password: string | null, outcome: AskpassOutcome) => void }>();

  /** For Backends({askpass}). */
  readonly handler: AskpassHandler = (prompt, signal) =>
    new Promise<string | null>((resolve) => {
      const id = randomBytes(16).toString('hex');
      const done = (password: string | null, outcome: AskpassOutcome) => {
        if (!this.waiting.delete(id)) return;
        signal.removeEventListener('abort', onAbort);
        this.emit('end', { id, outcome });
        resolve(password);
      };
      const onAbort = () => done(null, 'timeout');
      if (signal.aborted) return resolve(null);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, { prompt, done });
      this.emit('ask', { id, prompt });
    });

  /** The user's answer (null: cancel). False when the prompt is no longer waiting. */
  reply(id: string, password: string | null): boolean {
    const w = this.waiting.get(id);
    if (!w) return false;
    w.done(password, password === null ? 'cancelled' : 'answered');
    return true;
  }

  pending(): AskpassPrompt[] {
    return [...this.waiting].map(([id, w]) => ({ id, prompt: w.prompt }));
  }

  /** Cancels every waiting prompt (the app is closing). */
  cancelAll(): void {
    for (const id of [...this.waiting.keys()]) this.reply(id, null);
  }
}
