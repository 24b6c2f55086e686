import { formatIssuePath } from '@repro/verdict-core';
import type { z } from 'zod';
import { ReportInputError } from './report-input-error.js';

/** Parses `value` with `schema`, or throws a ReportInputError naming the input and the first bad field. */
export function parseReportInput<S extends z.ZodType>(schema: S, input: string, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '(root)' : formatIssuePath(issue.path);
  throw new ReportInputError(input, field === '(root)' ? '' : field, issue?.message ?? 'invalid');
}
