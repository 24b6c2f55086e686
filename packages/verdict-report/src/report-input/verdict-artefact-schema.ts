import { verdictSchema } from '@repro/verdict-core';
import type { z } from 'zod';
import { localizationSchema } from './localization-schema.js';

/** A verdict artefact as a report reads it: the Verdict JSON of @repro/verdict-core, with `localization` when `localize` ran. */
export const verdictArtefactSchema = verdictSchema.extend({ localization: localizationSchema.optional() });

export type VerdictArtefact = z.infer<typeof verdictArtefactSchema>;
