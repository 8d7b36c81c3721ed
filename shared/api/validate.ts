import { z } from 'zod';
import { NsInspectError } from '../errors.js';
import { NS_TYPES } from '../model/nstype.js';

/**
 * A container reference as a user may type it: a 64-hex ID, a prefix of one, or a name.
 * Docker names are [a-zA-Z0-9][a-zA-Z0-9_.-]+; anything else (slashes, NUL, spaces,
 * shell metacharacters, "..") is refused before it reaches the engine or a helper.
 */
export const CONTAINER_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/** A full container ID, as the engine gives it. */
export const ID64 = /^[0-9a-f]{64}$/;

/** A user for a shell: name or uid, optionally :group or :gid. */
export const USER_SPEC = /^[a-zA-Z0-9_.-]{1,64}(:[a-zA-Z0-9_.-]{1,64})?$/;

/** The container reference check every face applies before the engine or a helper sees it. */
export function checkContainerRef(ref: unknown): string {
  if (typeof ref !== 'string' || !CONTAINER_REF.test(ref)) {
    throw new NsInspectError('input', `${JSON.stringify(String(ref)).slice(0, 80)} is not a container name or ID`, 'use a name or ID from `nsinspect ls`');
  }
  return ref;
}

export const containerRef = z
  .string()
  .regex(CONTAINER_REF, 'not a container name or ID (letters, digits, _ . - only)');

/** A container reference, or the word "host" for the host's own namespaces. */
export const targetRef = containerRef;

export const nsType = z.enum(NS_TYPES);

/** An absolute path inside a container, for "where does this file live". */
export const containerPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'path must be absolute (start with /)')
  .refine((p) => !p.includes('\0'), 'path must not contain NUL bytes');

export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ');
}
