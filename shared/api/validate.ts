import { z } from 'zod';
import { CONTAINER_REF } from '../model/container.js';
import { HOST_KEY } from '../model/host.js';
import { NS_TYPES } from '../model/nstype.js';

// Defined with the model (no zod), so that the CLI's engine path does not load zod.
export { CONTAINER_REF } from '../model/container.js';

const inner = (r: RegExp) => r.source.replace(/^\^|\$$/g, '');
/** A container reference, bare (the first host) or after a host's key: "staging/web". */
const HOSTED_REF = new RegExp(`^(?:${inner(HOST_KEY)}/)?${inner(CONTAINER_REF)}$`);

export const containerRef = z.string().regex(HOSTED_REF, 'not a container name or ID (letters, digits, _ . - only), or HOST/NAME');

/** A container reference, or the word "host" for the host's own namespaces (either may be qualified). */
export const targetRef = containerRef;

/** An engine host: a docker context's name. */
export const hostKey = z.string().regex(HOST_KEY, 'not a docker context name');

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
