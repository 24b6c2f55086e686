/**
 * The intrinsic functions of JSONPath states (`States.Format('{}', $.x)`): the catalogue with each
 * function's arity, and a parser for the argument syntax — quoted strings (`'…'` with `\` escapes),
 * numbers, `true`/`false`/`null`, paths (`$.a`, `$$.Execution.Id`, `$var.x`) and nested calls, at most
 * 10 levels deep. Pure.
 */

/** Arity of each intrinsic function: [minimum, maximum] arguments (maximum Infinity = variadic). */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  'States.Format': [1, Number.POSITIVE_INFINITY],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Number.POSITIVE_INFINITY],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

/** Hash algorithms `States.Hash` accepts as a literal second argument. */
const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

export const MAX_INTRINSIC_NESTING = 10;

export type IntrinsicProblemKind = 'INVALID_INTRINSIC' | 'UNKNOWN_INTRINSIC' | 'INTRINSIC_ARITY';

export interface IntrinsicProblem {
  kind: IntrinsicProblemKind;
  message: string;
}

type Argument = { kind: 'string'; value: string } | { kind: 'literal' } | { kind: 'path' } | { kind: 'call' };

class SyntaxProblem extends Error {}

/** Does this `.$` value read as an intrinsic call (starts with `States.` and a name)? */
export function looksLikeIntrinsic(value: string): boolean {
  return /^\s*States\.[A-Za-z]/.test(value);
}

class IntrinsicParser {
  private i = 0;
  readonly problems: IntrinsicProblem[] = [];
  constructor(private readonly text: string) {}

  parseWhole(): void {
    this.skipSpace();
    this.call(1);
    this.skipSpace();
    if (this.i < this.text.length) this.fail(`unexpected ${JSON.stringify(this.text.slice(this.i, this.i + 10))} after the call`);
  }

  private fail(why: string): never {
    throw new SyntaxProblem(`${why} (at character ${this.i})`);
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  private call(depth: number): void {
    if (depth > MAX_INTRINSIC_NESTING) this.fail(`intrinsic functions nest at most ${MAX_INTRINSIC_NESTING} deep`);
    const m = /^States\.[A-Za-z][A-Za-z0-9]*/.exec(this.text.slice(this.i));
    if (!m) this.fail('expected States.<Function>(…)');
    const name = m[0];
    this.i += name.length;
    this.skipSpace();
    if (this.text[this.i] !== '(') this.fail(`expected ( after ${name}`);
    this.i++;
    const args: Argument[] = [];
    this.skipSpace();
    if (this.text[this.i] === ')') {
      this.i++;
    } else {
      for (;;) {
        this.skipSpace();
        args.push(this.argument(depth));
        this.skipSpace();
        const c = this.text[this.i];
        if (c === ',') {
          this.i++;
          continue;
        }
        if (c === ')') {
          this.i++;
          break;
        }
        this.fail(c === undefined ? `unclosed ( of ${name}` : `expected , or ) in ${name}, found ${JSON.stringify(c)}`);
      }
    }
    this.judge(name, args);
  }

  private judge(name: string, args: Argument[]): void {
    const arity = INTRINSIC_FUNCTIONS[name];
    if (!arity) {
      this.problems.push({ kind: 'UNKNOWN_INTRINSIC', message: `${name} is not an intrinsic function (known: ${Object.keys(INTRINSIC_FUNCTIONS).join(', ')})` });
      return;
    }
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
      this.problems.push({ kind: 'INTRINSIC_ARITY', message: `${name} takes ${want} argument(s), got ${args.length}` });
      return;
    }
    const first = args[0];
    if (name === 'States.Format' && first && first.kind !== 'string' && first.kind !== 'path' && first.kind !== 'call') {
      this.problems.push({ kind: 'INVALID_INTRINSIC', message: 'States.Format: the first argument must be a string template' });
    }
    const algorithm = args[1];
    if (name === 'States.Hash' && algorithm?.kind === 'string' && !HASH_ALGORITHMS.includes(algorithm.value)) {
      this.problems.push({ kind: 'INVALID_INTRINSIC', message: `States.Hash: algorithm ${JSON.stringify(algorithm.value)} is not one of ${HASH_ALGORITHMS.join(', ')}` });
    }
  }

  private argument(depth: number): Argument {
    const rest = this.text.slice(this.i);
    const c = rest[0];
    if (c === "'") return this.quoted();
    if (c === '$') return this.path();
    if (rest.startsWith('States.')) {
      this.call(depth + 1);
      return { kind: 'call' };
    }
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(rest);
    if (literal) {
      this.i += literal[0].length;
      return { kind: 'literal' };
    }
    this.fail(c === undefined ? 'missing argument' : `an argument must be a 'string', a number, true/false/null, a path ($…) or a States.X(…) call, not ${JSON.stringify(rest.slice(0, 12))}`);
  }

  private quoted(): Argument {
    let value = '';
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== "'") {
      if (this.text[this.i] === '\\') {
        if (this.i + 1 >= this.text.length) break;
        value += this.text[this.i + 1];
        this.i += 2;
      } else {
        value += this.text[this.i];
        this.i++;
      }
    }
    if (this.text[this.i] !== "'") this.fail("unterminated 'string'");
    this.i++;
    return { kind: 'string', value };
  }

  private path(): Argument {
    const start = this.i;
    let depth = 0;
    while (this.i < this.text.length) {
      const d = this.text[this.i]!;
      if (d === "'" || d === '"') {
        const close = this.text.indexOf(d, this.i + 1);
        if (close < 0) this.fail('unterminated quote in a path');
        this.i = close + 1;
        continue;
      }
      if (d === '[' || d === '(') depth++;
      else if (d === ']' || (d === ')' && depth > 0)) depth--;
      else if (depth === 0 && (d === ',' || d === ')')) break;
      this.i++;
    }
    if (this.text.slice(start, this.i).trim() === '$' && this.text[start + 1] === undefined) this.fail('empty path');
    return { kind: 'path' };
  }
}

/** Check one intrinsic call; returns the problems found (empty = a well-formed call of known functions). */
export function checkIntrinsicCall(text: string): IntrinsicProblem[] {
  const parser = new IntrinsicParser(text);
  try {
    parser.parseWhole();
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return [...parser.problems, { kind: 'INVALID_INTRINSIC', message: `intrinsic call does not parse: ${error.message}` }];
  }
  return parser.problems;
}
