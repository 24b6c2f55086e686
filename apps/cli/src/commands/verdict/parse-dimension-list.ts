import { invalidInput } from '../../cli-error.js';

/** `--parity-dims a,b,c` → ['a', 'b', 'c']; an empty name or an empty list → exit 2. */
export function parseDimensionList(text: string): string[] {
  const dims = text.split(',').map((dim) => dim.trim());
  if (dims.length === 0 || dims.some((dim) => dim === '')) {
    throw invalidInput(`--parity-dims: expected comma-separated dimension names, got ${JSON.stringify(text)}`, { error: 'invalid_flag', flag: '--parity-dims' });
  }
  return [...new Set(dims)];
}
