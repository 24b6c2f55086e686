/**
 * The subset of Python literal syntax that `.npy` headers use (what numpy parses with `ast.literal_eval`):
 * dicts, tuples, lists, strings, integers, True/False/None. Pure; throws `PythonLiteralError` with the
 * character offset on anything else.
 */
export type PythonLiteral =
  | string
  | bigint
  | boolean
  | null
  | PythonLiteral[]
  | { tuple: PythonLiteral[] }
  | { dict: [PythonLiteral, PythonLiteral][] };

export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}

const MAX_DEPTH = 32;

export function parsePythonLiteral(text: string): PythonLiteral {
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
  };
  const fail = (reason: string): never => {
    throw new PythonLiteralError(i, reason);
  };
  const parseString = (): string => {
    const quote = text[i]!;
    i += 1;
    let out = '';
    while (i < text.length && text[i] !== quote) {
      const ch = text[i]!;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) fail('unterminated escape');
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
        if (next! in simple) {
          out += simple[next!];
          i += 2;
        } else if (next === 'x' || next === 'u' || next === 'U') {
          const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail('bad escape');
          const cp = Number.parseInt(hex, 16);
          if (cp > 0x10ffff) fail('bad escape');
          out += String.fromCodePoint(cp);
          i += 2 + len;
        } else fail('unsupported escape');
      } else {
        out += ch;
        i += 1;
      }
    }
    if (i >= text.length) fail('unterminated string');
    i += 1;
    return out;
  };
  const parseSeq = (close: string, depth: number): { items: PythonLiteral[]; trailingComma: boolean } => {
    const items: PythonLiteral[] = [];
    let trailingComma = false;
    skip();
    while (text[i] !== close) {
      items.push(parseValue(depth + 1));
      skip();
      trailingComma = false;
      if (text[i] === ',') {
        i += 1;
        trailingComma = true;
        skip();
      } else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
    i += 1;
    return { items, trailingComma };
  };
  const parseValue = (depth: number): PythonLiteral => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skip();
    const ch = text[i];
    if (ch === undefined) return fail('unexpected end');
    if (ch === "'" || ch === '"') return parseString();
    if (ch === '(') {
      i += 1;
      const { items, trailingComma } = parseSeq(')', depth);
      if (items.length === 1 && !trailingComma) return items[0]!;
      return { tuple: items };
    }
    if (ch === '[') {
      i += 1;
      return parseSeq(']', depth).items;
    }
    if (ch === '{') {
      i += 1;
      const entries: [PythonLiteral, PythonLiteral][] = [];
      skip();
      while (text[i] !== '}') {
        const key = parseValue(depth + 1);
        skip();
        if (text[i] !== ':') fail("expected ':'");
        i += 1;
        const value = parseValue(depth + 1);
        entries.push([key, value]);
        skip();
        if (text[i] === ',') {
          i += 1;
          skip();
        } else if (text[i] !== '}') fail("expected ',' or '}'");
      }
      i += 1;
      return { dict: entries };
    }
    const int = /^[-+]?\d+L?/.exec(text.slice(i, i + 64));
    if (int !== null) {
      i += int[0].length;
      return BigInt(int[0].replace(/L$/, ''));
    }
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (text.startsWith(word, i) && !/\w/.test(text[i + word.length] ?? '')) {
        i += word.length;
        return value;
      }
    }
    return fail('unexpected character');
  };
  const value = parseValue(0);
  skip();
  if (i !== text.length) fail('unexpected trailing text');
  return value;
}
