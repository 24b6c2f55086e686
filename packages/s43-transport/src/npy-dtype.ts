import { NpzFormatError } from './npz-error.js';

export type DtypeKind = 'b' | 'i' | 'u' | 'f' | 'c' | 'S' | 'U';

/** A simple (non-structured) numpy dtype this codec reads and writes. */
export interface DtypeInfo {
  /** The descr string as read, e.g. `>f8`. */
  descr: string;
  /** The dtype of the decoded array: little-endian (`<f8`) or `|` for single bytes (`|u1`, `|b1`, `|S5`). */
  normalized: string;
  kind: DtypeKind;
  /** Bytes per element. */
  itemsize: number;
  bigEndian: boolean;
  /** Size of the unit whose bytes are swapped for big-endian data (the component of a complex, a UCS-4 char). */
  swapUnit: number;
  /** Characters per element for `S`/`U`. */
  chars: number;
}

const SIZES: Record<DtypeKind, readonly number[] | null> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8],
  c: [8, 16],
  S: null,
  U: null,
};

const MAX_CHARS = 1 << 24;

/** Does a descr (string or a structured descr list) name the object dtype anywhere? */
export function descrHasObject(descr: unknown): boolean {
  if (typeof descr === 'string') return /^[<>|=]?O\d*$/.test(descr);
  if (Array.isArray(descr)) return descr.some(descrHasObject);
  if (descr !== null && typeof descr === 'object' && 'tuple' in descr) return descrHasObject((descr as { tuple: unknown[] }).tuple);
  return false;
}

/**
 * Parse a numpy descr string (`<f4`, `>i8`, `|b1`, `<U7`, `|S3`). Object dtypes, structured dtypes and any
 * other kind (datetime, void…) are rejected with a typed error naming `member`.
 */
export function parseDtype(descr: unknown, member: string | null): DtypeInfo {
  if (descrHasObject(descr)) {
    throw new NpzFormatError('object_dtype', member, 'object arrays (pickles) are never loaded');
  }
  if (typeof descr !== 'string') {
    throw new NpzFormatError('unsupported_dtype', member, 'structured dtypes are not supported (store each field as its own array)');
  }
  const m = /^([<>|=])?([biufcSU])(\d+)$/.exec(descr);
  if (m === null) throw new NpzFormatError('unsupported_dtype', member, `dtype ${JSON.stringify(descr)} is not supported`);
  const order = m[1] ?? '=';
  const kind = m[2] as DtypeKind;
  const n = Number(m[3]);
  const allowed = SIZES[kind];
  if (allowed !== null && !allowed.includes(n)) throw new NpzFormatError('unsupported_dtype', member, `dtype ${JSON.stringify(descr)} has no such size`);
  if (allowed === null && (n < 1 || n > MAX_CHARS)) throw new NpzFormatError('unsupported_dtype', member, `dtype ${JSON.stringify(descr)}: string length must be 1..${MAX_CHARS}`);
  const itemsize = kind === 'U' ? 4 * n : n;
  const swapUnit = kind === 'c' ? n / 2 : kind === 'U' ? 4 : kind === 'S' ? 1 : n;
  const multiByte = swapUnit > 1;
  if (order === '|' && multiByte) throw new NpzFormatError('unsupported_dtype', member, `dtype ${JSON.stringify(descr)}: '|' byte order on a multi-byte type`);
  const bigEndian = order === '>' && multiByte;
  const normalized = multiByte ? `<${kind}${n}` : `|${kind}${n}`;
  return { descr, normalized, kind, itemsize, bigEndian, swapUnit, chars: kind === 'S' || kind === 'U' ? n : 0 };
}
