import type { AccessKind } from '../model/inspection.js';
import type { Said } from '../messages.js';
import type { ApiError } from './error.js';

/** The access backend setting: a fixed backend, or the automatic choice (direct → docker-helper → host-helper). */
export const ACCESS_SETTINGS = ['auto', 'direct', 'docker-helper', 'host-helper'] as const;
export type AccessSetting = (typeof ACCESS_SETTINGS)[number];

/**
 * An image reference as the engine takes it (distribution's reference grammar): optional
 * registry host[:port]/, lowercase path components, optional :tag and @sha256:digest.
 */
export const IMAGE_REF =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export interface AccessSettings {
  access: AccessSetting;
  helperImage: string;
}

/** A backend that could not serve, and why (whySaid: the same by catalogue key). */
export interface Tried {
  kind: AccessKind;
  why: string;
  whySaid?: Said;
}

/** Which backend serves now, and why. */
export interface AccessStatus {
  /** starting: being chosen or started (perhaps waiting for a password); ready: `kind` serves; failed: none could. */
  state: 'starting' | 'ready' | 'failed';
  kind: AccessKind | null;
  /** How it was chosen ("fixed by the setting", "automatic: running as root next to a local engine"), in English. */
  why: string;
  /** The same by catalogue key, for the UI to say in its language. */
  whySaid?: Said;
  /** The automatic choice: why each backend before the one serving (or every one, when failed) could not. */
  tried: Tried[];
  /** failed: the combined reason and what to do. */
  error?: ApiError;
}

/** A password prompt of `sudo -A` waiting for the user (askpass relay). */
export interface AskpassPrompt {
  id: string;
  prompt: string;
}

export interface SettingsState {
  settings: AccessSettings;
  status: AccessStatus;
  /** Where the settings are kept: a file (the desktop app, its path) or this process's memory (serve). */
  store: { kind: 'file'; path: string } | { kind: 'memory' };
  /** Prompts already waiting when the renderer asks (events announce later ones). */
  askpass: AskpassPrompt[];
}
