import type { NsInspectService } from '../core/service.js';
import type { Style } from './format.js';

/** The engine an answer came from: the `engine` field of every --json answer. */
export interface EngineInfo {
  endpoint: string;
  source: string;
  why: string;
  /** What the engine did not answer, e.g. a container whose inspection hung. */
  notes?: string[];
}

export interface CommandContext {
  args: string[];
  /** Parsed --options (strings and booleans), including ones only some commands know. */
  options: Record<string, string | boolean | string[] | undefined>;
  style: Style;
  json: boolean;
  /**
   * Prints JSON with --json (plus the `engine` field), else the human form of data with its
   * control characters escaped (escape.ts), plus a line naming the engine: printers format the
   * copy they are given, never the raw value.
   */
  out<T extends object>(data: T, human: (safe: T) => string): void;
  /** The engine in use, once service() made one. */
  engineInfo(): EngineInfo | null;
  /** The engine service, created on first use with the chosen access backend. */
  service(): Promise<NsInspectService>;
}

export interface Command {
  name: string;
  /** One usage line, e.g. "inspect <container|pid>". */
  usage: string;
  summary: string;
  /** Positional arguments: exact count, or [min, max] (max Infinity for "and the rest"). */
  arity: number | [number, number];
  /** Extra options this command takes, for parseArgs. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: boolean }>;
  run(ctx: CommandContext): Promise<number | void>;
}
