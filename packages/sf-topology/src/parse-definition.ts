import type { z } from 'zod';
import { type StateMachineDefinition, StateMachineDefinitionSchema } from './asl-model.js';
import { AslParseError, type AslParseIssue } from './asl-parse-error.js';
import { definitionDepthProblem } from './definition-depth.js';
import { pointerJoin } from './json-pointer.js';

function issuesOf(error: z.ZodError): AslParseIssue[] {
  return error.issues.map((issue) => ({
    path: pointerJoin('', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))),
    message: issue.message,
  }));
}

/**
 * Parse a definition (a JSON string or an already-parsed value) into the typed model. Unknown fields
 * are kept. Throws AslParseError naming the JSON Pointer of each problem.
 */
export function parseDefinition(input: unknown): StateMachineDefinition {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new AslParseError(`definition is not JSON: ${why}`, [{ path: '', message: why }]);
    }
  }
  const tooDeep = definitionDepthProblem(value);
  if (tooDeep !== null) throw new AslParseError(`not a valid ASL definition (${tooDeep})`, [{ path: '', message: tooDeep }]);
  const parsed = StateMachineDefinitionSchema.safeParse(value);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const first = issues[0];
    const where = first ? `${first.path || '/'}: ${first.message}` : 'invalid';
    throw new AslParseError(`not a valid ASL definition (${where}${issues.length > 1 ? `, and ${issues.length - 1} more` : ''})`, issues);
  }
  return parsed.data;
}
