import { describe, expect, it } from 'vitest';
import { craftNpy, craftZip, f4Header } from '../test/craft-zip.js';
import { decodeNpz } from './decode-npz.js';
import { encodeNpz } from './encode-npz.js';
import { npyArray } from './npy-array.js';
import { NpzEncodeError, NpzFormatError } from './npz-error.js';

const three = new Uint8Array(Float32Array.of(1, 2, 3).buffer);

async function rejection(bytes: Uint8Array, options = {}): Promise<{ code: string; member: string | null; message: string }> {
  try {
    await decodeNpz(bytes, options);
  } catch (error) {
    if (error instanceof NpzFormatError) return { code: error.code, member: error.member, message: error.message };
    throw error;
  }
  throw new Error('decoded without error');
}

const oneMember = (npy: Uint8Array, extra: Partial<Parameters<typeof craftZip>[0][number]> = {}) => craftZip([{ name: 'x.npy', data: npy, ...extra }]);

describe('rejections name the member and the reason', () => {
  it('object dtype (a pickle) is rejected, also inside a structured dtype', async () => {
    expect(await rejection(oneMember(craftNpy(f4Header('(3,)', '|O'), new Uint8Array(24))))).toMatchObject({ code: 'object_dtype', member: 'x.npy' });
    const struct = "{'descr': [('a', '<f4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }";
    expect(await rejection(oneMember(craftNpy(struct, new Uint8Array(12))))).toMatchObject({ code: 'object_dtype', member: 'x.npy' });
  });
  it('structured dtypes without objects are rejected as unsupported, saying so', async () => {
    const struct = "{'descr': [('a', '<f4'), ('b', '<i8')], 'fortran_order': False, 'shape': (1,), }";
    const r = await rejection(oneMember(craftNpy(struct, new Uint8Array(12))));
    expect(r).toMatchObject({ code: 'unsupported_dtype', member: 'x.npy' });
    expect(r.message).toContain('structured');
  });
  it('void and long double are unsupported dtypes, long double with a clear refusal naming it', async () => {
    expect(await rejection(oneMember(craftNpy(f4Header('(1,)', '|V8'), new Uint8Array(8))))).toMatchObject({ code: 'unsupported_dtype', member: 'x.npy' });
    for (const descr of ['<f16', '<f12', '<c32']) {
      const r = await rejection(oneMember(craftNpy(f4Header('(1,)', descr), new Uint8Array(Number(descr.slice(2))))));
      expect(r).toMatchObject({ code: 'unsupported_dtype', member: 'x.npy' });
      expect(r.message).toContain('long double');
    }
  });
  it('a truncated file has no end record', async () => {
    const good = await encodeNpz({ a: npyArray(Float32Array.of(1, 2, 3)) });
    expect(await rejection(good.subarray(0, good.length - 30))).toMatchObject({ code: 'truncated', member: null });
    expect(await rejection(good.subarray(0, 100))).toMatchObject({ code: 'truncated', member: null });
    expect(await rejection(new Uint8Array(0))).toMatchObject({ code: 'truncated' });
  });
  it('a header length that lies (past the member, or absurd) is rejected before allocating', async () => {
    expect(await rejection(oneMember(craftNpy(f4Header('(3,)'), three, [1, 0], 0xffff)))).toMatchObject({ code: 'header_length', member: 'x.npy' });
    expect(await rejection(oneMember(craftNpy(f4Header('(3,)'), three, [2, 0], 0xfffffff0)))).toMatchObject({ code: 'header_length', member: 'x.npy' });
  });
  it('a shape whose size does not match the data: short data is a size mismatch, extra data is trailing bytes', async () => {
    expect(await rejection(oneMember(craftNpy(f4Header('(10,)'), three)))).toMatchObject({ code: 'size_mismatch', member: 'x.npy' });
    expect(await rejection(oneMember(craftNpy(f4Header('(2,)'), three)))).toMatchObject({ code: 'trailing_bytes', member: 'x.npy' });
  });
  it('negative and overflowing dimensions are rejected', async () => {
    expect(await rejection(oneMember(craftNpy(f4Header('(-3,)'), three)))).toMatchObject({ code: 'bad_shape' });
    expect(await rejection(oneMember(craftNpy(f4Header('(4294967296, 4294967296)'), three)))).toMatchObject({ code: 'bad_shape' });
    expect(await rejection(oneMember(craftNpy(f4Header('(99999999999999999999,)'), three)))).toMatchObject({ code: 'bad_shape' });
    expect(await rejection(oneMember(craftNpy(f4Header('3'), three)))).toMatchObject({ code: 'bad_shape' });
  });
  it('unknown header keys, missing keys and unknown versions are rejected', async () => {
    expect(await rejection(oneMember(craftNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'extra': 1}", three)))).toMatchObject({ code: 'unknown_header_key' });
    expect(await rejection(oneMember(craftNpy("{'descr': '<f4', 'shape': (3,)}", three)))).toMatchObject({ code: 'bad_header' });
    expect(await rejection(oneMember(craftNpy(f4Header('(3,)'), three, [4, 0])))).toMatchObject({ code: 'unsupported_version' });
    expect(await rejection(oneMember(craftNpy('not a dict', three)))).toMatchObject({ code: 'bad_header' });
    expect(await rejection(oneMember(new Uint8Array(Buffer.from('PK this is not npy at all'))))).toMatchObject({ code: 'bad_magic' });
  });
  it('a CRC mismatch is detected', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    expect(await rejection(oneMember(npy, { crc: 0x12345678 }))).toMatchObject({ code: 'crc_mismatch', member: 'x.npy' });
    expect(await rejection(craftZip([{ name: 'x.npy', data: npy, method: 8, crc: 1 }]))).toMatchObject({ code: 'crc_mismatch' });
  });
  it('unusual names numpy writes decode under the key numpy gives (nothing is extracted to a path); a NUL is refused', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    for (const name of ['.npy', '/etc/x.npy', '../x.npy', 'a/../../x.npy', 'C:/x.npy', '..\\x.npy', 'a b/c.npy']) {
      const { members } = await decodeNpz(craftZip([{ name, data: npy }]));
      expect(members.map((m) => m.name)).toEqual([name.slice(0, -4)]);
    }
    expect(await rejection(craftZip([{ name: 'x\0y.npy', data: npy }]))).toMatchObject({ code: 'unsafe_member_name' });
  });
  it('duplicate member names are rejected', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    expect(await rejection(craftZip([{ name: 'x.npy', data: npy }, { name: 'x.npy', data: npy }]))).toMatchObject({ code: 'duplicate_member', member: 'x.npy' });
  });
  it('zip-bomb guard: a member over the limit is refused from its declared size, before inflating', async () => {
    const big = craftNpy(f4Header('(4194304,)'), new Uint8Array(16 << 20));
    const r = await rejection(craftZip([{ name: 'bomb.npy', data: big, method: 8 }]), { maxMemberBytes: 1 << 20 });
    expect(r).toMatchObject({ code: 'member_too_large', member: 'bomb.npy' });
  });
  it('zip-bomb guard: a member that lies about its size is stopped while inflating', async () => {
    // the header is honest about 3 elements and the declared size matches it; the stream holds 16 MiB more
    const big = craftNpy(f4Header('(3,)'), new Uint8Array(16 << 20));
    const declared = craftNpy(f4Header('(3,)'), three).length;
    const r = await rejection(craftZip([{ name: 'bomb.npy', data: big, method: 8, uncompressedSize: declared }]));
    expect(r).toMatchObject({ code: 'size_mismatch', member: 'bomb.npy' });
    expect(r.message).toContain(`inflates past its declared size of ${declared}`);
    const shapeLies = await rejection(craftZip([{ name: 'bomb.npy', data: craftNpy(f4Header('(4194304,)'), new Uint8Array(16 << 20)), method: 8, uncompressedSize: 4096 }]));
    expect(shapeLies).toMatchObject({ code: 'size_mismatch', member: 'bomb.npy' });
    const lyingHigh = await rejection(craftZip([{ name: 'bomb.npy', data: craftNpy(f4Header('(3,)'), three), method: 8, uncompressedSize: 0x7fffffff }]));
    expect(lyingHigh).toMatchObject({ code: 'size_mismatch', member: 'bomb.npy' });
  });
  it('encrypted members and unknown compression methods are rejected', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    expect(await rejection(oneMember(npy, { flags: 1 }))).toMatchObject({ code: 'encrypted_member' });
    expect(await rejection(oneMember(npy, { method: 12 }))).toMatchObject({ code: 'unsupported_compression' });
  });
  it('a declared shape far larger than the member is refused before allocating it (4 TiB claimed, 12 bytes held)', async () => {
    const r = await rejection(oneMember(craftNpy(f4Header('(1099511627776,)'), three)));
    expect(r).toMatchObject({ code: 'size_mismatch', member: 'x.npy' });
    expect(r.message).toContain('needs 4398046511104 bytes, the member holds 12');
  });
  it('compressed bytes after the end of a deflate stream are trailing bytes, not silently ignored', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    const r = await rejection(craftZip([{ name: 'x.npy', data: npy, method: 8, compressedTail: new Uint8Array(Buffer.from('GARBAGE')) }]));
    expect(r).toMatchObject({ code: 'trailing_bytes', member: 'x.npy' });
    expect(r.message).toContain('7 compressed bytes follow the end of the deflate stream');
  });
  it('a format 3.0 header that is not UTF-8 is a bad header', async () => {
    const npy = craftNpy(f4Header('(3,)'), three, [3, 0]);
    npy[12] = 0xff; // first header byte: '{' becomes an invalid UTF-8 lead byte
    expect(await rejection(oneMember(npy))).toMatchObject({ code: 'bad_header', member: 'x.npy', message: expect.stringContaining('UTF-8') });
  });
  it('a <U element holding a value beyond U+10FFFF is a bad element', async () => {
    const data = new Uint8Array(Uint32Array.of(0x41, 0x110000).buffer);
    expect(await rejection(oneMember(craftNpy(f4Header('(1,)', '<U2'), data)))).toMatchObject({ code: 'bad_element', member: 'x.npy', message: expect.stringContaining('element 0') });
  });
  it('non-.npy members are not errors: they are reported in the skipped list, never dropped without a word', async () => {
    const npy = craftNpy(f4Header('(3,)'), three);
    const seen: string[] = [];
    const { members, skipped } = await decodeNpz(craftZip([{ name: 'meta.json', data: new Uint8Array(Buffer.from('{"a":1}')) }, { name: 'dir/', data: new Uint8Array(0) }, { name: 'x.npy', data: npy }]), {
      onSkipped: (s) => seen.push(s.name),
    });
    expect(members.map((m) => [m.name, Array.from(m.array.data as Float32Array)])).toEqual([['x', [1, 2, 3]]]);
    expect(skipped).toEqual([
      { name: 'meta.json', reason: 'not_npy', bytes: 7 },
      { name: 'dir/', reason: 'directory', bytes: 0 },
    ]);
    expect(seen).toEqual(['meta.json', 'dir/']);
  });
});

describe('zip layouts other writers produce', () => {
  const npy = craftNpy(f4Header('(3,)'), three);
  const values = async (bytes: Uint8Array) => (await decodeNpz(bytes)).members.map((m) => [m.name, Array.from(m.array.data as Float32Array)]);
  it('zip64: sizes and offsets in the central directory extra field, zip64 end record and locator', async () => {
    const zip = craftZip([{ name: 'a.npy', data: npy }, { name: 'b.npy', data: npy, method: 8 }], { zip64: true });
    expect(await values(zip)).toEqual([['a', [1, 2, 3]], ['b', [1, 2, 3]]]);
  });
  it('data descriptors (streamed writers): zeros in the local header, the central directory holds the truth', async () => {
    const zip = craftZip([{ name: 'a.npy', data: npy, dataDescriptor: true }, { name: 'b.npy', data: npy, method: 8, dataDescriptor: true }]);
    expect(await values(zip)).toEqual([['a', [1, 2, 3]], ['b', [1, 2, 3]]]);
  });
});

describe('the encoder refuses arrays it cannot write faithfully', () => {
  const reason = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (error) {
      if (error instanceof NpzEncodeError) return error.message;
      throw error;
    }
    throw new Error('encoded without error');
  };
  it('data length must match the shape', async () => {
    expect(await reason(() => encodeNpz({ a: npyArray(Float32Array.of(1, 2, 3), [2, 2]) }))).toContain('needs 4');
  });
  it('dtype must be native order and match the typed array', async () => {
    expect(await reason(() => encodeNpz({ a: npyArray(Float32Array.of(1), [1], '>f4') }))).toContain('native');
    expect(await reason(() => encodeNpz({ a: npyArray(Float32Array.of(1), [1], '<f8') }))).toContain('does not hold');
    expect(await reason(() => encodeNpz({ a: npyArray(['x'], [1], '|O') }))).toContain('object');
  });
  it('a |b1 array may hold any byte: nonzero is written as True (1), as numpy reads it', async () => {
    const { members } = await decodeNpz(await encodeNpz({ m: npyArray(Uint8Array.of(1, 0, 2, 255), [4], '|b1') }));
    expect(Array.from(members[0]!.array.data as Uint8Array)).toEqual([1, 0, 1, 1]);
  });
  it('strings longer than the dtype, non-latin-1 bytes strings, bad names', async () => {
    expect(await reason(() => encodeNpz({ a: npyArray(['abc'], [1], '<U2') }))).toContain('longer than 2');
    expect(await reason(() => encodeNpz({ a: npyArray(['π'], [1], '|S2') }))).toContain('latin-1');
    expect(await reason(() => encodeNpz({ 'a\0b': npyArray(Float32Array.of(1)) }))).toContain('NUL');
    expect(await reason(() => encodeNpz([['a', npyArray(Float32Array.of(1))], ['a', npyArray(Float32Array.of(2))]]))).toContain('duplicate');
  });
});
