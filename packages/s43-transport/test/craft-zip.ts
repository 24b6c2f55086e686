import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../src/crc32.js';

/** A hand-made zip member for rejection tests: any name, any bytes, lies on request. */
export interface CraftedMember {
  name: string;
  data: Uint8Array;
  method?: 0 | 8 | 12;
  flags?: number;
  /** Override the CRC the directory records. */
  crc?: number;
  /** Override the uncompressed size the directory records. */
  uncompressedSize?: number;
  /** Bytes appended to the member's compressed data (counted in its compressed size). */
  compressedTail?: Uint8Array;
  /** The compressed bytes to store (method 8), when already deflated (many copies of one big member). */
  deflated?: Uint8Array;
  /** Write as a streaming writer does: flag bit 3, zeros in the local header, a data descriptor after the data. */
  dataDescriptor?: boolean;
}

export interface CraftOptions {
  /** Sizes and offsets in zip64 extra fields of the central directory, and zip64 end records. */
  zip64?: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const ZIP64_MARK = 0xffffffff;

interface EntryFields {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  nameLength: number;
  extraLength: number;
}

/** The 26 bytes local headers and central entries share: version needed … extra field length. */
function sharedFields(f: EntryFields): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(45, 0);
  b.writeUInt16LE(f.flags, 2);
  b.writeUInt16LE(f.method, 4);
  // 6..9: DOS time and date, left at zero
  b.writeUInt32LE(f.crc, 10);
  b.writeUInt32LE(f.compressedSize, 14);
  b.writeUInt32LE(f.uncompressedSize, 18);
  b.writeUInt16LE(f.nameLength, 22);
  b.writeUInt16LE(f.extraLength, 24);
  return b;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

function u64s(values: readonly number[]): Buffer {
  const b = Buffer.alloc(8 * values.length);
  for (const [k, v] of values.entries()) b.writeBigUInt64LE(BigInt(v), 8 * k);
  return b;
}

function zip64Extra(values: readonly number[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(0x0001, 0);
  head.writeUInt16LE(8 * values.length, 2);
  return Buffer.concat([head, u64s(values)]);
}

/** End records: zip64 record + locator when asked, then the classic end record (counts and sizes maxed out under zip64). */
function endRecords(count: number, cdOffset: number, cdSize: number, zip64: boolean): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? ZIP64_MARK : cdSize, 12);
  end.writeUInt32LE(zip64 ? ZIP64_MARK : cdOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(SIG_ZIP64_EOCD, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  u64s([count, count, cdSize, cdOffset]).copy(record, 24);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** A zip holding `members` exactly as described, lies included. */
export function craftZip(members: readonly CraftedMember[], options: CraftOptions = {}): Uint8Array {
  const zip64 = options.zip64 ?? false;
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const method = m.method ?? 0;
    const body = Buffer.concat([method === 8 ? (m.deflated ?? deflateRawSync(m.data)) : Buffer.from(m.data), Buffer.from(m.compressedTail ?? [])]);
    const name = Buffer.from(m.name, 'utf8');
    const crc = m.crc ?? crc32(m.data);
    const size = m.uncompressedSize ?? m.data.length;
    const flags = (m.flags ?? 0) | (m.dataDescriptor ? 0x08 : 0);
    const real = { flags, method, crc, compressedSize: body.length, uncompressedSize: size, nameLength: name.length };
    const local = m.dataDescriptor ? { ...real, crc: 0, compressedSize: 0, uncompressedSize: 0, extraLength: 0 } : { ...real, extraLength: 0 };
    const descriptor = m.dataDescriptor ? Buffer.concat([u32(SIG_DESCRIPTOR), u32(crc), u32(body.length), u32(size)]) : Buffer.alloc(0);
    parts.push(u32(SIG_LOCAL), sharedFields(local), name, body, descriptor);
    const extra = zip64 ? zip64Extra([size, body.length, offset]) : Buffer.alloc(0);
    const listed = zip64 ? { ...real, compressedSize: ZIP64_MARK, uncompressedSize: ZIP64_MARK } : real;
    const tail = Buffer.alloc(14); // comment length, disk number, internal and external attributes, local header offset
    tail.writeUInt32LE(zip64 ? ZIP64_MARK : offset, 10);
    central.push(u32(SIG_CENTRAL), Buffer.from([45, 3]), sharedFields({ ...listed, extraLength: extra.length }), tail, name, extra);
    offset += 30 + name.length + body.length + descriptor.length;
  }
  const cdBytes = Buffer.concat(central);
  return new Uint8Array(Buffer.concat([...parts, cdBytes, endRecords(members.length, offset, cdBytes.length, zip64)]));
}

/** A `.npy` with a free-form header text (padded to 64 like numpy) and raw data bytes. */
export function craftNpy(header: string, data: Uint8Array, version: [number, number] = [1, 0], headerLengthOverride?: number): Uint8Array {
  const fieldLen = version[0] === 1 ? 2 : 4;
  const pad = 64 - ((8 + fieldLen + header.length + 1) % 64);
  const text = Buffer.from(`${header}${' '.repeat(pad)}\n`, version[0] === 3 ? 'utf8' : 'latin1');
  const prefix = Buffer.alloc(8 + fieldLen);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0], version[1]]).copy(prefix);
  const len = headerLengthOverride ?? text.length;
  if (fieldLen === 2) prefix.writeUInt16LE(len, 8);
  else prefix.writeUInt32LE(len, 8);
  return new Uint8Array(Buffer.concat([prefix, text, Buffer.from(data)]));
}

export const f4Header = (shape: string, descr = '<f4') => `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
