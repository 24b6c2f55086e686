import { z } from 'zod';

/** The fifteen contract codes of validate() (their meaning is exact; see the README). */
export const CONTRACT_CODES = [
  'MISSING_START_AT',
  'DANGLING_TARGET',
  'BRANCH_ESCAPE',
  'UNREACHABLE_STATE',
  'NO_TERMINAL',
  'NEXT_AND_END',
  'MISSING_NEXT_OR_END',
  'FIELD_NOT_ALLOWED',
  'INVALID_STATE_TYPE',
  'MISSING_REQUIRED_FIELD',
  'INVALID_JSONPATH',
  'DUPLICATE_STATE_NAME',
  'STATES_ALL_NOT_LAST',
  'CHOICE_NO_DEFAULT_WARNING',
  'TRAP_CYCLE_WARNING',
] as const;

/** Codes of our own, beyond the contract. */
export const EXTRA_CODES = [
  /** A scope object without a `States` object. */
  'MISSING_STATES',
  /** A known field holds a value of the wrong JSON type (e.g. `"Next": 3`, `"Retry": {}`). */
  'INVALID_FIELD_VALUE',
  /** QueryLanguage is neither JSONPath nor JSONata, or a JSONPath state sits in a JSONata machine. */
  'INVALID_QUERY_LANGUAGE',
  /** Isolation lint: inside a Parallel, a state whose error can escape the branch and cancel siblings. */
  'SIBLING_CANCEL_HAZARD',
] as const;

export const DiagnosticCodeSchema = z.enum([...CONTRACT_CODES, ...EXTRA_CODES]);
export type DiagnosticCode = z.infer<typeof DiagnosticCodeSchema>;

export const DiagnosticSchema = z.object({
  code: DiagnosticCodeSchema,
  severity: z.enum(['error', 'warning']),
  /** RFC 6901 JSON Pointer into the definition. */
  path: z.string(),
  message: z.string(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
