import type { ShellEnd, ShellOpenRequest, ShellSession } from '../../../shared/api/shell.js';

export interface ShellHostEvents {
  data: [id: string, data: Uint8Array];
  end: [id: string, end: ShellEnd];
}

/**
 * Terminal sessions inside containers, whatever backend runs them. Output is
 * bytes (a UTF-8 character may be split across chunks); the consumer acks
 * what it has rendered so a slow terminal pauses the producer (watermarks).
 */
export interface ShellHost {
  open(req: ShellOpenRequest): Promise<ShellSession>;
  input(id: string, data: string | Uint8Array): void;
  resize(id: string, cols: number, rows: number): void;
  /** The consumer has processed this many more bytes of output. */
  ack(id: string, bytes: number): void;
  close(id: string): Promise<void>;
  closeAll(): Promise<void>;
  on<E extends keyof ShellHostEvents>(event: E, listener: (...args: ShellHostEvents[E]) => void): this;
  off<E extends keyof ShellHostEvents>(event: E, listener: (...args: ShellHostEvents[E]) => void): this;
}
