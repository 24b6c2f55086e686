import { NpzFormatError } from './npz-error.js';

/** numpy kinds: bool, signed, unsigned, float, complex, bytes, unicode, datetime64 (`M`), timedelta64 (`m`). */
export type DtypeKind = 'b' | 'i' | 'u' | 'f' | 'c' | 'S' | 'U' | 'M' | 'm';

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
  /** The unit of a datetime64/timedelta64 (`ns`, `D`, `5s`, `generic` when none is given); null for other kinds. */
  unit: string | null;
}

const SIZES: Record<DtypeKind, readonly number[] | null> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8],
  c: [8, 16],
  S: null,
  U: null,
  M: [8],
  m: [8],
};

/** Every unit numpy's datetime64/timedelta64 take, optionally with a multiplier (`[5s]`, `[25ns]`). */
const TIME_DESCR = /^([<>|=])?([Mm])8(?:\[(\d*)(Y|M|W|D|h|m|s|ms|us|\u03bcs|ns|ps|fs|as)\])?$/;
/** numpy's long double and its complex: 80-bit extended precision padded to 12 or 16 bytes. */
const LONG_DOUBLE_DESCR = /^[<>|=]?(?:f(?:12|16)|c(?:24|32))$/;

const MAX_CHARS = 1 << 24;

const OBJECT_DESCR = /^[<>|=]?O\d*$/;

type FieldTuple = { tuple: unknown[] };
const isFieldTuple = (field: unknown): field is FieldTuple => field !== null && typeof field === 'object' && 'tuple' in field;

/**
 * Does a descr name the object dtype anywhere: the descr string itself, or the format of any field of a
 * (nested) structured descr? Field names and titles are not formats: a field called `O` is no object.
 */
export function descrHasObject(descr: unknown): boolean {
  if (typeof descr === 'string') return OBJECT_DESCR.test(descr);
  if (!Array.isArray(descr)) return false;
  return descr.some((field) => isFieldTuple(field) && descrHasObject(field.tuple[1]));
}

/** Why a non-string descr is refused, naming the fields of a structured dtype (padding fields, named '', left out). */
function structRejection(descr: unknown): string {
  if (!Array.isArray(descr) || !descr.every(isFieldTuple)) return 'descr is neither a dtype string nor a list of fields';
  const names = descr.map((field) => {
    const name = field.tuple[0];
    return isFieldTuple(name) ? name.tuple[1] : name; // (title, name) pairs
  });
  const shown = names.filter((n) => n !== '').map(String);
  const fields = `${shown.slice(0, 6).join(', ')}${shown.length > 6 ? ', …' : ''}`;
  return `structured dtypes (here with fields ${fields}) are not supported: store each field as its own array`;
}

/**
 * Parse a numpy descr string (`<f4`, `>i8`, `|b1`, `<U7`, `|S3`, `<M8[ns]`, `>m8[5s]`). Object dtypes,
 * structured dtypes, long double and any other kind (void…) are rejected with a typed error naming `member`.
 */
export function parseDtype(descr: unknown, member: string | null): DtypeInfo {
  if (descrHasObject(descr)) {
    throw new NpzFormatError('object_dtype', member, 'object arrays (pickles) are never loaded');
  }
  if (typeof descr !== 'string') {
    throw new NpzFormatError('unsupported_dtype', member, structRejection(descr));
  }
  const time = TIME_DESCR.exec(descr);
  if (time !== null) {
    const unit = time[4] === undefined ? 'generic' : `${time[3] ?? ''}${time[4] === '\u03bcs' ? 'us' : time[4]}`;
    const kind = time[2] as 'M' | 'm';
    const suffix = time[4] === undefined ? '' : `[${unit}]`;
    return { descr, normalized: `<${kind}8${suffix}`, kind, itemsize: 8, bigEndian: time[1] === '>', swapUnit: 8, chars: 0, unit };
  }
  if (LONG_DOUBLE_DESCR.test(descr)) {
    throw new NpzFormatError('unsupported_dtype', member, `dtype ${JSON.stringify(descr)} is numpy's long double (80-bit extended precision), which no JavaScript number holds exactly: convert it to float64 in numpy first`);
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
  return { descr, normalized, kind, itemsize, bigEndian, swapUnit, chars: kind === 'S' || kind === 'U' ? n : 0, unit: null };
}
