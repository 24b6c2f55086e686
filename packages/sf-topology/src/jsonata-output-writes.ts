/**
 * What a JSONata `Output` writes to the state, for the idioms we can read without a JSONata parser.
 * `{% $states.input %}` writes nothing; `{% $merge([$states.input, {'k': …, "k2": …}]) %}` writes the
 * top-level keys of the object literal; anything else replaces the whole state (returns null). Pure.
 */
export function jsonataOutputKeys(output: unknown): string[] | null {
  if (typeof output !== 'string') return null;
  const body = /^\s*\{%([\s\S]*)%\}\s*$/.exec(output)?.[1]?.trim();
  if (body === undefined) return null;
  if (body === '$states.input') return [];
  const merge = /^\$merge\(\s*\[\s*\$states\.input\s*,\s*(\{[\s\S]*\})\s*\]\s*\)$/.exec(body);
  return merge ? objectLiteralKeys(merge[1]!) : null;
}

/** Top-level keys of a JSONata object constructor `{ key: value, … }` (keys quoted or backticked). */
function objectLiteralKeys(text: string): string[] | null {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && c !== '`') {
          value += text[j + 1] ?? '';
          j += 2;
        } else {
          value += text[j];
          j++;
        }
      }
      if (j >= text.length) return null;
      if (depth === 1 && expectKey) {
        keys.push(value);
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    } else if (depth === 1 && expectKey && /\S/.test(c)) {
      return null; // an unquoted or computed key: cannot tell what it writes
    }
  }
  return depth === 0 ? keys : null;
}
