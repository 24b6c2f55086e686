/** Syntax checks and a tokenizer for the JSONPath subset ASL uses. Pure. */

/** An intrinsic function call such as `States.Format('{}', $.x)`. */
export function isIntrinsicCall(value: string): boolean {
  return /^States\.[A-Za-z][A-Za-z0-9]*\(.*\)$/s.test(value.trim());
}

/** A path: starts with `$` (state input `$.…`, context object `$$.…`, or a variable `$name`). */
export function isPath(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('$');
}

/**
 * Split a simple JSONPath (`$`, `$.a.b`, `$['a b'][0]`) into segments. Returns null when the path uses
 * anything beyond single-child steps: `..`, `*`, filters, slices, unions, or script.
 */
export function referencePathSegments(path: string): string[] | null {
  if (!path.startsWith('$')) return null;
  const segments: string[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && !'.[]*?@,:()\'"$ '.includes(path[j]!)) j++;
      if (j === i + 1) return null;
      segments.push(path.slice(i + 1, j));
      i = j;
    } else if (c === '[') {
      const rest = path.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest) ?? /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest);
      const m = index ?? quoted;
      if (!m) return null;
      segments.push(m[1]!.replace(/\\(.)/g, '$1'));
      i += m[0].length;
    } else {
      return null;
    }
  }
  return segments;
}

/** A reference path (ResultPath): `$` followed by single-child steps only. */
export function isReferencePath(value: string): boolean {
  return referencePathSegments(value) !== null;
}

/**
 * The longest simple prefix of a path, as segments: `$.a.b[*].c` → ['a', 'b']. Context-object paths
 * (`$$…`) give null. A variable `$v.x` gives ['$v', 'x'].
 */
export function pathPrefixSegments(path: string): string[] | null {
  if (!path.startsWith('$') || path.startsWith('$$')) return null;
  let root: string[] = [];
  let rest = path;
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (variable) {
    root = [`$${variable[1]}`];
    rest = `$${path.slice(variable[0].length)}`;
  }
  for (let end = rest.length; end >= 1; end--) {
    const segments = referencePathSegments(rest.slice(0, end));
    if (segments !== null) return [...root, ...segments];
  }
  return root;
}

/** The paths (`$…`) used as arguments inside an intrinsic call, outside string literals. */
export function intrinsicPathArguments(call: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < call.length) {
    const c = call[i]!;
    if (c === "'") {
      i++;
      while (i < call.length && call[i] !== "'") i += call[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '$') {
      let j = i;
      let depth = 0;
      while (j < call.length) {
        const d = call[j]!;
        if (d === '[') depth++;
        else if (d === ']') depth--;
        else if (depth === 0 && (d === ',' || d === ')' || d === ' ')) break;
        j++;
      }
      out.push(call.slice(i, j));
      i = j;
    } else {
      i++;
    }
  }
  return out;
}
