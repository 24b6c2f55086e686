import { z } from 'zod';
import { CONTRACT_CODES, EXTRA_CODES } from './diagnostic.js';

/** The zod schemas of a diagnostic; the plain types (diagnostic.ts) equal their output (`schema-drift.test-d.ts`). */
export const DiagnosticCodeSchema = z.enum([...CONTRACT_CODES, ...EXTRA_CODES]);

export const DiagnosticSchema = z.object({
  code: DiagnosticCodeSchema,
  severity: z.enum(['error', 'warning']),
  /** RFC 6901 JSON Pointer into the definition. */
  path: z.string(),
  message: z.string(),
});
