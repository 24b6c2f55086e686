import { z } from 'zod';
import { verdictArtefactSchema } from './verdict-artefact-schema.js';

const isoTime = z.iso.datetime({ offset: true });

/** One promotion of the cell's canonical (`CanonicalHistoryEntry` of @repro/canonical-provenance). */
export const canonicalHistoryEntrySchema = z.object({
  run_id: z.string().min(1),
  value: z.number(),
  recorded_at: isoTime,
  promoted_at: isoTime,
  demoted_at: isoTime.nullable(),
  provenance: z.record(z.string(), z.unknown()),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/** eps_prod of one production image (`EpsProdRecord` of @repro/canonical-provenance). */
export const epsProdRecordSchema = z.object({
  image_sha: z.string().min(1),
  status: z.enum(['measured', 'unmeasured']),
  eps_prod: z.number().nullable(),
  reason: z.string().nullable().optional(),
  n: z.number().int(),
  method: z.string(),
  coverage: z.number(),
  confidence: z.number(),
  samples: z.array(z.number()).optional(),
  measured_at: isoTime,
});

/**
 * A cell's history, in the shapes the store returns: `canonicalHistory(cell, metric)`, `getEpsProd` for
 * each image its verdicts name, and `listVerdicts({ cell, metric })`. Any order; the report sorts by time.
 */
export const cellHistorySchema = z.object({
  cell: z.string().min(1),
  metric: z.string().min(1),
  canonical_history: z.array(canonicalHistoryEntrySchema),
  eps_prod: z.array(epsProdRecordSchema),
  verdicts: z.array(verdictArtefactSchema),
});

export type CanonicalHistoryEntry = z.infer<typeof canonicalHistoryEntrySchema>;
export type EpsProdRecord = z.infer<typeof epsProdRecordSchema>;
export type CellHistory = z.infer<typeof cellHistorySchema>;
export type CellHistoryInput = z.input<typeof cellHistorySchema>;
