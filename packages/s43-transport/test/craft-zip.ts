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
}

/** A minimal zip (no zip64) holding `members` exactly as described, lies included. */
export function craftZip(members: readonly CraftedMember[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const method = m.method ?? 0;
    const body = method === 8 ? deflateRawSync(m.data) : Buffer.from(m.data);
    const name = Buffer.from(m.name, 'utf8');
    const crc = m.crc ?? crc32(m.data);
    const size = m.uncompressedSize ?? m.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(m.flags ?? 0, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cdBytes, end]));
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
