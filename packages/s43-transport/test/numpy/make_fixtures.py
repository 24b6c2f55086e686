"""Write .npz fixtures with numpy, with manifests of what they hold.

Usage: python3 make_fixtures.py OUT_DIR
- manifest.json: for every array of savez.npz / savez_compressed.npz, what npz_manifest.describe records.
- rejected.json: for every file under rejected/, the error code and member our decoder must refuse it with.
"""
import io
import json
import os
import sys
import zipfile

import numpy as np

from npz_manifest import describe

out = sys.argv[1]
rng = np.random.default_rng(43)

arrays = {}
for base in ['b1', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f2', 'f4', 'f8', 'c8', 'c16']:
    for order in ['<', '>']:
        if base in ('b1', 'i1', 'u1') and order == '>':
            continue
        dt = np.dtype(order + base if base not in ('b1', 'i1', 'u1') else '|' + base)
        if dt.kind == 'b':
            a = rng.integers(0, 2, size=(3, 4)).astype(dt)
        elif dt.kind in 'iu':
            info = np.iinfo(dt)
            a = rng.integers(info.min, info.max, size=(3, 4), dtype=dt.newbyteorder('='), endpoint=True).astype(dt)
        elif dt.kind == 'f':
            a = (rng.standard_normal((3, 4)) * 1000).astype(dt)
            a.flat[0] = np.inf
            a.flat[1] = -0.0
        else:
            a = (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(dt)
        arrays[f'{base}_{"be" if order == ">" else "le"}'] = a
# Fortran order: every copy unit (1, 2 and 4 bytes, items of 2 to 16 bytes), big-endian, and arrays large
# enough that read and inflate chunks split elements (|S3 and <U3 items do not divide 64 KiB or 1 MiB).
arrays['fortran_f8'] = np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4))
arrays['fortran_be_i4'] = np.asfortranarray(np.arange(12, dtype='>i4').reshape(3, 4))
arrays['fortran_f2'] = np.asfortranarray(np.arange(6, dtype='<f2').reshape(2, 3))
arrays['fortran_c16_be'] = np.asfortranarray((np.arange(6) + 1j * np.arange(6, 12)).astype('>c16').reshape(3, 2))
arrays['fortran_unicode'] = np.asfortranarray(np.array([['ab', 'c', 'déf'], ['', 'π', 'xyz']]))
arrays['fortran_big_S3'] = np.asfortranarray(rng.integers(0, 256, size=(700, 600, 3), dtype='u1').view('S3').reshape(700, 600))
arrays['fortran_big_U3'] = np.asfortranarray(rng.integers(0x20, 0x3000, size=(300, 170, 3)).astype('<u4').view('<U3').reshape(300, 170))
arrays['transposed_f4'] = rng.standard_normal((5, 7, 9)).astype('<f4').T
arrays['scalar_f4'] = np.float32(2.5).reshape(())
arrays['scalar_i8'] = np.array(-7, dtype='<i8')
arrays['empty_f4'] = np.zeros((0,), dtype='<f4')
arrays['empty_2d_u2'] = np.zeros((3, 0), dtype='<u2')
arrays['unicode'] = np.array(['héllo', '', 'π≈3.14', '😀x'])
arrays['unicode_be'] = np.array(['ab', 'cde'], dtype='>U3')
arrays['bytes'] = np.array([b'abc', b'', b'\xff\x01'])
arrays['big_f4'] = rng.standard_normal(300_000).astype('<f4')
# datetime64 / timedelta64 in every unit numpy has, both byte orders, NaT and extremes included; generic
# and multiplied units; a bool array holding bytes other than 0 and 1 (numpy reads nonzero as True).
ticks = np.array([0, 1, -5, 123456789, np.iinfo(np.int64).min, np.iinfo(np.int64).max], dtype='<i8')
for unit in ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as']:
    for order in ['<', '>']:
        for kind in ['M', 'm']:
            arrays[f'{"dt" if kind == "M" else "td"}_{unit}_{"be" if order == ">" else "le"}'] = ticks.view(f'<{kind}8[{unit}]').astype(f'{order}{kind}8[{unit}]')
arrays['dt_5s'] = ticks[:4].view('<M8[5s]')
arrays['td_generic'] = ticks[:4].view('<m8')
arrays['bool_raw_bytes'] = np.array([[0, 1], [2, 255]], dtype='u1').view('?')

with open(f'{out}/manifest.json', 'w') as f:
    json.dump({name: describe(a) for name, a in arrays.items()}, f)

np.savez(f'{out}/savez.npz', **arrays)
# What np.savez writes for the same values in native little-endian C order: our writer must match it byte for byte.
np.savez(f'{out}/savez_normalized.npz', **{k: (a != 0) if a.dtype.kind == 'b' else a.astype(a.dtype.newbyteorder('<'), order='C') for k, a in arrays.items()})
# Names numpy writes that are unusual (an empty name, folders, '..', spaces, non-ASCII), and a bare .npy.
np.savez(f'{out}/odd_names.npz', **{'': np.arange(3), 'a/b': np.arange(4), '../up': np.arange(5), 'sp ace': np.arange(6), 'ünï': np.arange(7)})
np.save(f'{out}/bare.npy', arrays['fortran_c16_be'])
np.save(f'{out}/bare_dt.npy', arrays['dt_ns_be'])
np.savez_compressed(f'{out}/savez_compressed.npz', **arrays)


class Unseekable(io.RawIOBase):
    """A write-only stream without seek: zipfile then streams, writing data descriptors (flag bit 3)."""

    def __init__(self, f):
        self.f = f

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)


with open(f'{out}/streamed.npz', 'wb') as raw:
    with zipfile.ZipFile(Unseekable(raw), 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for name in ['f4_le', 'unicode', 'fortran_f8']:
            with z.open(name + '.npy', 'w', force_zip64=True) as f:
                np.lib.format.write_array(f, arrays[name])
        z.writestr('meta.json', json.dumps({'note': 'not an array'}))

# .npy format versions 2.0 and 3.0 and an older writer's 16-byte padding, inside a zip.
with zipfile.ZipFile(f'{out}/versions.npz', 'w') as z:
    for name, version in [('v2', (2, 0)), ('v3', (3, 0))]:
        buf = io.BytesIO()
        np.lib.format.write_array(buf, arrays['i4_le'], version=version)
        z.writestr(name + '.npy', buf.getvalue())
    header = "{'shape': (3, 4), 'fortran_order': False, 'descr': '<i4'}"
    total = 10 + len(header) + 1
    header = header + ' ' * ((16 - total % 16) % 16) + '\n'
    body = b'\x93NUMPY\x01\x00' + len(header).to_bytes(2, 'little') + header.encode('latin1') + arrays['i4_le'].tobytes()
    z.writestr('pad16.npy', body)

# Files numpy writes that we refuse: object arrays (pickles, also as a struct field), structured dtypes
# (rejected by design), long double (no exact JavaScript value) and void. A field named 'O' is a structured dtype, not an object.
os.makedirs(f'{out}/rejected', exist_ok=True)
rejected = {
    'object': (np.array([1, 'a'], dtype=object), 'object_dtype'),
    'struct_object_field': (np.zeros(2, dtype=[('a', '<f4'), ('b', 'O')]), 'object_dtype'),
    'struct_object_subarray': (np.zeros(2, dtype=[('a', '<f4'), ('b', 'O', (2,))]), 'object_dtype'),
    'struct_nested_object': (np.zeros(2, dtype=[('a', [('x', 'O')])]), 'object_dtype'),
    'struct': (np.zeros(2, dtype=[('a', '<f4'), ('b', '<i8', (2,))]), 'unsupported_dtype'),
    'struct_titles': (np.zeros(2, dtype=[(('title', 'a'), '<f4'), ('b', '>i2')]), 'unsupported_dtype'),
    'struct_padded': (np.zeros(2, dtype=np.dtype([('a', 'u1'), ('b', '<f8')], align=True)), 'unsupported_dtype'),
    'struct_nested': (np.zeros(2, dtype=[('a', [('x', '<f4'), ('y', '<f4')]), ('b', '|u1')]), 'unsupported_dtype'),
    'struct_field_named_O': (np.zeros(2, dtype=[('O', '<i4')]), 'unsupported_dtype'),
    'longdouble': (np.array([1.5], dtype=np.longdouble), 'unsupported_dtype'),
    'clongdouble': (np.array([1.5j], dtype=np.clongdouble), 'unsupported_dtype'),
    'void': (np.zeros(2, dtype='V4'), 'unsupported_dtype'),
}
for name, (a, code) in rejected.items():
    np.savez(f'{out}/rejected/{name}.npz', ok=np.arange(3), bad=a)
with open(f'{out}/rejected.json', 'w') as f:
    json.dump({name: {'code': code, 'member': 'bad.npy'} for name, (_, code) in rejected.items()}, f)
print(json.dumps({'numpy': np.__version__}))
