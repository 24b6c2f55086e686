/**
 * JSON.parse that also accepts the bare `NaN`, `Infinity` and `-Infinity` literals Python's `json.dump`
 * writes by default, turning each into the string token (`"NaN"`, `"Infinity"`, `"-Infinity"`).
 * Literals inside strings are left alone. Pure.
 * @throws SyntaxError when the text is not JSON even with those literals.
 */
export function parseJsonWithNonFinite(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const rewritten = quoteBareNonFinite(text);
    if (rewritten === text) throw error;
    return JSON.parse(rewritten);
  }
}

function quoteBareNonFinite(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
    if (token !== undefined && !isWordChar(text[i - 1]) && !isWordChar(text[i + token.length])) {
      out += JSON.stringify(token);
      i += token.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_.]/.test(ch);
}
