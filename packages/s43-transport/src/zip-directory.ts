import type { ByteSource } from './byte-source.js';
import { NpzFormatError } from './npz-error.js';

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_ZIP64_EOCD = 0x06064b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;

/** One member as the central directory describes it (the source of truth, as in Python's zipfile). */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: member data must end before it. */
  centralDirectoryOffset: number;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function u64(v: DataView, at: number, what: string): number {
  const n = v.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new NpzFormatError('bad_zip', null, `${what} ${n} is out of range`);
  return Number(n);
}

async function readExactly(source: ByteSource, offset: number, length: number, what: string, member: string | null): Promise<Uint8Array> {
  if (offset < 0 || offset + length > source.size) throw new NpzFormatError('truncated', member, `${what} lies past the end of the file (truncated)`);
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw new NpzFormatError('truncated', member, `${what} is truncated`);
  return bytes;
}

/**
 * Every name numpy writes is accepted (an empty array name gives the member `.npy`; `a/b`, `../x` and `/abs`
 * are names like any other: members are decoded in memory, never extracted to a path). A NUL is refused:
 * Python's zipfile cuts the name there, so numpy would key the array differently than the bytes say.
 */
export function checkMemberName(name: string): void {
  if (name.includes('\0')) throw new NpzFormatError('unsafe_member_name', name, 'member name contains NUL (zipfile cuts the name there)');
}

/** Code page 437 above 0x7f: how zip readers (Python's `zipfile`, hence `np.load`) decode names without the UTF-8 flag. */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** A member name as Python's zipfile decodes it: UTF-8 when flag bit 11 is set, else code page 437. */
function decodeName(raw: Uint8Array, flags: number): string {
  if (flags & 0x800) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new NpzFormatError('bad_zip', null, 'member name is not valid UTF-8');
    }
  }
  let name = '';
  for (const byte of raw) name += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]!;
  return name;
}

/** Read the end-of-central-directory (zip64 aware) and every central directory entry. Pure over `source`. */
export async function readZipDirectory(source: ByteSource): Promise<ZipDirectory> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  const tv = view(tail);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tv.getUint32(at, true) === SIG_EOCD && at + 22 + tv.getUint16(at + 20, true) <= tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new NpzFormatError('truncated', null, 'no end-of-central-directory record (not a zip, or truncated)');
  const eocdOffset = source.size - tailLength + eocd;
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  let cdEnd = eocdOffset;
  if (tv.getUint16(eocd + 4, true) !== 0 || tv.getUint16(eocd + 6, true) !== 0) throw new NpzFormatError('bad_zip', null, 'multi-disk archives are not supported');
  if (eocdOffset >= 20) {
    const loc = view(await source.read(eocdOffset - 20, 20));
    if (loc.getUint32(0, true) === SIG_ZIP64_LOCATOR) {
      const recordOffset = u64(loc, 8, 'zip64 record offset');
      const rec = view(await readExactly(source, recordOffset, 56, 'zip64 end-of-central-directory record', null));
      if (rec.getUint32(0, true) !== SIG_ZIP64_EOCD) throw new NpzFormatError('bad_zip', null, 'bad zip64 end-of-central-directory signature');
      count = u64(rec, 32, 'entry count');
      cdSize = u64(rec, 40, 'central directory size');
      cdOffset = u64(rec, 48, 'central directory offset');
      cdEnd = recordOffset;
    }
  }
  if (cdOffset + cdSize > cdEnd) throw new NpzFormatError('bad_zip', null, 'central directory overlaps the end record (truncated or corrupt)');
  const cd = await readExactly(source, cdOffset, cdSize, 'central directory', null);
  const v = view(cd);
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = 0;
  while (at < cd.length) {
    if (at + 46 > cd.length || v.getUint32(at, true) !== SIG_CENTRAL) throw new NpzFormatError('bad_zip', null, `bad central directory entry at ${cdOffset + at}`);
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    const crc = v.getUint32(at + 16, true);
    let compressedSize = v.getUint32(at + 20, true);
    let uncompressedSize = v.getUint32(at + 24, true);
    const nameLen = v.getUint16(at + 28, true);
    const extraLen = v.getUint16(at + 30, true);
    const commentLen = v.getUint16(at + 32, true);
    let localHeaderOffset = v.getUint32(at + 42, true);
    const end = at + 46 + nameLen + extraLen + commentLen;
    if (end > cd.length) throw new NpzFormatError('bad_zip', null, 'central directory entry overruns the directory');
    const name = decodeName(cd.subarray(at + 46, at + 46 + nameLen), flags);
    let e = at + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      if (e + 4 + len > extraEnd) throw new NpzFormatError('bad_zip', name, 'extra field overruns its entry');
      if (id === 0x0001) {
        let f = e + 4;
        const take = (what: string) => {
          if (f + 8 > e + 4 + len) throw new NpzFormatError('bad_zip', name, `zip64 extra field lacks the ${what}`);
          const value = u64(v, f, what);
          f += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
        if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take('local header offset');
      }
      e += 4 + len;
    }
    checkMemberName(name);
    if (seen.has(name)) throw new NpzFormatError('duplicate_member', name, 'duplicate member name');
    seen.add(name);
    entries.push({ name, flags, method, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    at = end;
  }
  if (entries.length !== count) throw new NpzFormatError('bad_zip', null, `end record counts ${count} members, central directory holds ${entries.length}`);
  return { entries, centralDirectoryOffset: cdOffset };
}

/** The values of the zip64 extra field (header id 0x0001) of a local header, as unsigned 64-bit numbers. */
function localZip64Values(v: DataView, from: number, length: number, member: string): number[] {
  const values: number[] = [];
  for (let e = from; e + 4 <= from + length; ) {
    const id = v.getUint16(e, true);
    const len = v.getUint16(e + 2, true);
    if (e + 4 + len > from + length) throw new NpzFormatError('bad_zip', member, 'local header extra field overruns the header');
    if (id === 0x0001) for (let f = e + 4; f + 8 <= e + 4 + len; f += 8) values.push(u64(v, f, 'local zip64 size'));
    e += 4 + len;
  }
  return values;
}

/**
 * Offset of a member's data, after checking its local header agrees with the central directory on the name,
 * the compression method, the encryption flag and (unless flag bit 3 defers them to a data descriptor) the
 * CRC-32 and both sizes. A disagreement is a `local_header_mismatch` naming the member: Python's zipfile
 * refuses a differing name, and a differing size or CRC means one of the two records lies.
 */
export async function memberDataOffset(source: ByteSource, entry: ZipEntry, dir: ZipDirectory): Promise<number> {
  const head = view(await readExactly(source, entry.localHeaderOffset, 30, 'local header', entry.name));
  if (head.getUint32(0, true) !== SIG_LOCAL) throw new NpzFormatError('bad_zip', entry.name, 'bad local header signature');
  const flags = head.getUint16(6, true);
  const nameLen = head.getUint16(26, true);
  const extraLen = head.getUint16(28, true);
  const rest = await readExactly(source, entry.localHeaderOffset + 30, nameLen + extraLen, 'local header name', entry.name);
  const mismatch = (what: string, local: string | number, central: string | number) =>
    new NpzFormatError('local_header_mismatch', entry.name, `local header ${what} ${JSON.stringify(local)} differs from the central directory's ${JSON.stringify(central)}`);
  const localName = decodeName(rest.subarray(0, nameLen), flags);
  if (localName !== entry.name) throw mismatch('name', localName, entry.name);
  const method = head.getUint16(8, true);
  if (method !== entry.method) throw mismatch('compression method', method, entry.method);
  if ((flags & 0x1) !== (entry.flags & 0x1)) throw mismatch('encryption flag', flags & 0x1, entry.flags & 0x1);
  if ((flags & 0x8) === 0) {
    const crc = head.getUint32(14, true);
    if (crc !== entry.crc32) throw mismatch('CRC-32', crc.toString(16), entry.crc32.toString(16));
    let compressed = head.getUint32(18, true);
    let uncompressed = head.getUint32(22, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
      const values = localZip64Values(view(rest), nameLen, extraLen, entry.name);
      let k = 0;
      if (uncompressed === 0xffffffff) uncompressed = values[k++] ?? -1;
      if (compressed === 0xffffffff) compressed = values[k++] ?? -1;
    }
    if (uncompressed !== entry.uncompressedSize) throw mismatch('uncompressed size', uncompressed, entry.uncompressedSize);
    if (compressed !== entry.compressedSize) throw mismatch('compressed size', compressed, entry.compressedSize);
  }
  const start = entry.localHeaderOffset + 30 + nameLen + extraLen;
  if (start + entry.compressedSize > dir.centralDirectoryOffset) throw new NpzFormatError('truncated', entry.name, 'member data runs past the central directory (truncated)');
  return start;
}
