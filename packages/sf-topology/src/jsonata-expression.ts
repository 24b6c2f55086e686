import { createRequire } from 'node:module';
import type jsonata from 'jsonata';

/**
 * JSONata expressions as Step Functions writes them (`"{% <expression> %}"`), parsed with the
 * reference `jsonata` package at 2.0.6, the version Step Functions implements. Parsing is pure (no
 * evaluation); results are memoised per expression text.
 *
 * The parser is loaded on first use, not when this module is: validating a JSONPath machine never
 * loads it. jsonata 2.0.6 is CommonJS, so `require` loads it synchronously (and faster than an ESM
 * import would); `import.meta.url` is shimmed in the CJS build (tsup `shims`).
 */
let parser: typeof jsonata | undefined;
function jsonataParser(): typeof jsonata {
  parser ??= createRequire(import.meta.url)('jsonata') as typeof jsonata;
  return parser;
}

export interface JsonataSyntaxProblem {
  /** Character offset inside the expression (after `{%`), when the parser gives one. */
  position: number | undefined;
  message: string;
}

/** Is this value a JSONata string (`{% … %}`)? */
export function isJsonataString(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

/** A string that opens `{%` but does not close with `%}` (or the reverse): meant as JSONata, malformed. */
export function isBrokenJsonataString(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') !== value.endsWith('%}');
}

/** The expression text between `{%` and `%}`. */
export function jsonataBody(value: string): string {
  return value.slice(2, -2);
}

const parsed = new Map<string, JsonataSyntaxProblem | null>();
const MEMO_LIMIT = 50_000;

/** Parse one expression body; null when it parses. */
export function jsonataSyntaxProblem(body: string): JsonataSyntaxProblem | null {
  const known = parsed.get(body);
  if (known !== undefined) return known;
  let problem: JsonataSyntaxProblem | null = null;
  if (body.trim() === '') {
    problem = { position: 0, message: 'empty expression' };
  } else {
    try {
      jsonataParser()(body);
    } catch (error) {
      const e = error as { position?: unknown; message?: unknown; code?: unknown };
      const message = typeof e.message === 'string' ? e.message : String(error);
      problem = { position: typeof e.position === 'number' ? e.position : undefined, message: typeof e.code === 'string' ? `${e.code}: ${message}` : message };
    }
  }
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  parsed.set(body, problem);
  return problem;
}

/** The expression with string literals and comments blanked, so names can be searched without false hits. */
function codeOnly(body: string): string {
  return body.replace(/\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, (m) => ' '.repeat(m.length));
}

/** What a field's expressions may read of `$states` (AWS: result after a success, errorOutput in a Catch). */
export interface JsonataContext {
  result: boolean;
  errorOutput: boolean;
}

const STATES_FIELDS = ['input', 'context', 'result', 'errorOutput'];

/** Uses Step Functions does not allow here: `$states.result`/`$states.errorOutput` out of place, unknown `$states.x`, `$eval`. */
export function jsonataRestrictions(body: string, context: JsonataContext): string[] {
  if (!body.includes('$')) return [];
  const code = codeOnly(body);
  const out: string[] = [];
  for (const m of code.matchAll(/\$states\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const field = m[1]!;
    if (!STATES_FIELDS.includes(field)) {
      out.push(`$states.${field} does not exist ($states has input, context, result, errorOutput)`);
    } else if (field === 'result' && !context.result) {
      out.push('$states.result is only available in Output and Assign of a Task, Parallel or Map (not in a Catch, Arguments or other fields)');
    } else if (field === 'errorOutput' && !context.errorOutput) {
      out.push('$states.errorOutput is only available in the Output and Assign of a Catch');
    }
  }
  if (/\$eval\s*\(/.test(code)) out.push('$eval is not available in Step Functions (use $parse)');
  return out;
}
