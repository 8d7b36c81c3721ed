// The schema of a shell request; `ShellOpenRequest` (shell.ts) is derived from it, so the type
// the code uses and what the serving side accepts cannot drift apart.
import { z } from 'zod';
import { USER_SPEC } from '../model/container.js';
import { containerPath, containerRef, nsType } from './validate.js';

export const shellOpenRequest = z
  .object({
    container: containerRef,
    /**
     * nsenter: enter exactly the ticked namespaces of the container's main process; the rest stay the host's.
     * docker-exec: the engine's own exec, with the container's security profile; needs no privilege.
     */
    kind: z.enum(['nsenter', 'docker-exec']),
    namespaces: z.array(nsType).max(8),
    /** Program and arguments; empty means "auto": bash, then ash, then sh in the target root. */
    command: z
      .array(
        z
          .string()
          .max(4096)
          .refine((s) => !s.includes('\0'), 'NUL byte'),
      )
      .max(64)
      .optional(),
    cwd: containerPath.optional(),
    user: z.string().regex(USER_SPEC).optional(),
    cols: z.number().int().min(2).max(1000),
    rows: z.number().int().min(2).max(1000),
    access: z.enum(['direct', 'docker-helper', 'host-helper']).optional(),
    /**
     * Run the container's filesystem with some of the host's namespaces anyway, without the
     * container's restrictions (refused otherwise: it cannot be confined like the container).
     */
    unconfined: z.boolean().optional(),
    /**
     * The user was told that this opens a root shell on the host and asks for an administrator
     * password (the error 'needs-confirmation' says so), and wants to go on.
     */
    confirmRootShell: z.boolean().optional(),
  })
  .strict();
