import { isJsonRecord } from './json-record.js';
import type { Known } from './symbolic-state.js';

/** The `$states` an expression sees; an absent member is unknown. */
export interface JsonataStates {
  input?: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

type Token = { kind: 'punct'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'name'; text: string };

const UNKNOWN: Known = { known: false };
const known = (value: unknown): Known => ({ known: true, value });

function tokenize(body: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < body.length && body[j] !== c) {
        if (body[j] === '\\' && c !== '`') {
          const next = body[j + 1] ?? '';
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else {
          text += body[j];
          j++;
        }
      }
      if (j >= body.length) return null;
      out.push(c === '`' ? { kind: 'name', text } : { kind: 'string', text });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(body.slice(i))!;
      out.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (c === '!' && body[i + 1] === '=') {
      out.push({ kind: 'punct', text: '!=' });
      i += 2;
    } else if ('[](){},:.='.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (/[$A-Za-z_]/.test(c)) {
      const m = /^\$?[A-Za-z_][A-Za-z0-9_]*|^\$/.exec(body.slice(i))!;
      out.push({ kind: 'name', text: m[0] });
      i += m[0].length;
    } else {
      return null;
    }
  }
  return out;
}

/** Thrown inside the parser when the expression is not one of the idioms. */
class NotAnIdiom extends Error {}

/**
 * Evaluate the JSONata idioms a Step Functions machine (and parallelize) writes, on partly known data:
 * `$merge([…])`, object and array constructors, string / number / boolean / null literals,
 * `$states.input|result|errorOutput` paths with `.name`, `` .`name` `` and `[n]` steps, and `=` / `!=`.
 * Anything else, or a value read from unknown data, is unknown. Pure.
 */
export function evaluateJsonataIdiom(expression: unknown, states: JsonataStates): Known {
  if (typeof expression !== 'string') return known(expression);
  const body = /^\s*\{%([\s\S]*)%\}\s*$/.exec(expression)?.[1];
  if (body === undefined) return known(expression);
  const tokens = tokenize(body);
  if (tokens === null) return UNKNOWN;
  let at = 0;
  const peek = () => tokens[at];
  const isPunct = (text: string) => {
    const t = peek();
    return t?.kind === 'punct' && t.text === text;
  };
  const expect = (text: string) => {
    if (!isPunct(text)) throw new NotAnIdiom();
    at++;
  };
  const primary = (): Known => {
    const t = tokens[at++];
    if (t === undefined) throw new NotAnIdiom();
    if (t.kind === 'string') return known(t.text);
    if (t.kind === 'number') return known(t.value);
    if (t.kind === 'punct' && t.text === '(') {
      const inner = comparison();
      expect(')');
      return inner;
    }
    if (t.kind === 'punct' && t.text === '{') {
      // A constructed object with an unknown member is kept without it (absent = unknown).
      const object: Record<string, unknown> = {};
      while (!isPunct('}')) {
        const key = tokens[at++];
        if (key?.kind !== 'string' && key?.kind !== 'name') throw new NotAnIdiom();
        expect(':');
        const value = comparison();
        if (value.known) object[key.text] = value.value;
        if (isPunct(',')) at++;
      }
      at++;
      return known(object);
    }
    if (t.kind === 'punct' && t.text === '[') {
      const items: Known[] = [];
      while (!isPunct(']')) {
        items.push(comparison());
        if (isPunct(',')) at++;
      }
      at++;
      return items.every((k) => k.known) ? known(items.map((k) => (k as { value: unknown }).value)) : UNKNOWN;
    }
    if (t.kind === 'name') {
      if (t.text === 'true' || t.text === 'false') return known(t.text === 'true');
      if (t.text === 'null') return known(null);
      if (t.text === '$merge' && isPunct('(')) {
        at++;
        const list = comparison();
        expect(')');
        if (!list.known || !Array.isArray(list.value) || !list.value.every(isJsonRecord)) return UNKNOWN;
        return known(Object.assign({}, ...list.value));
      }
      if (t.text === '$states') return path();
    }
    throw new NotAnIdiom();
  };
  const path = (): Known => {
    expect('.');
    const member = tokens[at++];
    if (member?.kind !== 'name' || !['input', 'result', 'errorOutput'].includes(member.text)) throw new NotAnIdiom();
    let value: Known = Object.hasOwn(states, member.text) ? known(states[member.text as keyof JsonataStates]) : UNKNOWN;
    for (;;) {
      if (isPunct('.')) {
        at++;
        const step = tokens[at++];
        if (step?.kind !== 'name' || step.text.startsWith('$')) throw new NotAnIdiom();
        value = value.known && isJsonRecord(value.value) && Object.hasOwn(value.value, step.text) ? known(value.value[step.text]) : UNKNOWN;
      } else if (isPunct('[')) {
        at++;
        const index = tokens[at++];
        if (index?.kind !== 'number') throw new NotAnIdiom();
        expect(']');
        value = value.known && Array.isArray(value.value) && index.value < value.value.length ? known(value.value[index.value]) : UNKNOWN;
      } else {
        return value;
      }
    }
  };
  const comparison = (): Known => {
    const left = primary();
    if (!isPunct('=') && !isPunct('!=')) return left;
    const negate = (tokens[at++] as { text: string }).text === '!=';
    const right = primary();
    if (!left.known || !right.known) return UNKNOWN;
    const equal = JSON.stringify(left.value) === JSON.stringify(right.value);
    return known(negate ? !equal : equal);
  };
  try {
    const value = comparison();
    return at === tokens.length ? value : UNKNOWN;
  } catch (error) {
    if (error instanceof NotAnIdiom) return UNKNOWN;
    throw error;
  }
}
