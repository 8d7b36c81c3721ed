// The settings' schemas (zod), apart from their types and constants in settings.ts, so that the
// renderer can use those without loading zod.
import { z } from 'zod';
import { ACCESS_SETTINGS, IMAGE_REF } from './settings.js';

export const imageRef = z
  .string()
  .min(1)
  .max(255)
  .regex(IMAGE_REF, 'not an image reference (e.g. busybox:1.36, registry.example:5000/tools/nsenter:2)');

export const accessSetting = z.enum(ACCESS_SETTINGS);

/** What settingsSet takes: any of the fields, nothing else. */
export const settingsPatch = z
  .object({
    access: accessSetting.optional(),
    helperImage: imageRef.optional(),
  })
  .strict();

/** An askpass prompt's id: random hex, made by the serving side. */
export const askpassId = z.string().regex(/^[0-9a-f]{16,64}$/, 'not an askpass id');

/** A password as sudo reads it: one line, no NUL. Never logged, never kept. */
export const askpassPassword = z
  .string()
  .max(4096)
  .refine((s) => !/[\0\n\r]/.test(s), 'a password is one line without NUL');
