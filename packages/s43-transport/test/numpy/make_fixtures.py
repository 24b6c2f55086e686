"""Write .npz fixtures with numpy and a manifest of what each array holds.

Usage: python3 make_fixtures.py OUT_DIR
For every array the manifest records dtype.str, shape, fortran order and the sha256 of
np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes(), plus the values as JSON for small ones.
"""
import hashlib
import io
import json
import sys
import zipfile

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(43)


def le_sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()


def num(v):
    v = float(v)
    if np.isnan(v):
        return None
    if np.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


def values(a):
    if a.size > 64:
        return None
    if a.dtype.kind == 'c':
        return [[num(z.real), num(z.imag)] for z in a.ravel(order='C')]
    if a.dtype.kind == 'S':
        return [v.decode('latin1') for v in a.ravel(order='C')]
    if a.dtype.kind in 'iu':
        return [str(v) for v in a.ravel(order='C')]
    if a.dtype.kind == 'f':
        return [num(v) for v in a.ravel(order='C')]
    return [v.item() for v in a.ravel(order='C')]


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
arrays['fortran_f8'] = np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4))
arrays['fortran_be_i4'] = np.asfortranarray(np.arange(12, dtype='>i4').reshape(3, 4))
arrays['scalar_f4'] = np.float32(2.5).reshape(())
arrays['scalar_i8'] = np.array(-7, dtype='<i8')
arrays['empty_f4'] = np.zeros((0,), dtype='<f4')
arrays['empty_2d_u2'] = np.zeros((3, 0), dtype='<u2')
arrays['unicode'] = np.array(['héllo', '', 'π≈3.14', '😀x'])
arrays['unicode_be'] = np.array(['ab', 'cde'], dtype='>U3')
arrays['bytes'] = np.array([b'abc', b'', b'\xff\x01'])
arrays['big_f4'] = rng.standard_normal(300_000).astype('<f4')

manifest = {}
for name, a in arrays.items():
    manifest[name] = {
        'dtype': a.dtype.str,
        'shape': list(a.shape),
        'fortran_order': bool(a.flags.f_contiguous and not a.flags.c_contiguous),
        'sha256': le_sha(a),
        'values': values(a),
    }

np.savez(f'{out}/savez.npz', **arrays)
# What np.savez writes for the same values in native little-endian C order: our writer must match it byte for byte.
np.savez(f'{out}/savez_normalized.npz', **{k: a.astype(a.dtype.newbyteorder('<'), order='C') for k, a in arrays.items()})
np.savez_compressed(f'{out}/savez_compressed.npz', **arrays)

# A streamed writer (non-seekable output): members carry data descriptors (flag bit 3).
class Unseekable(io.RawIOBase):
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

json.dump(manifest, open(f'{out}/manifest.json', 'w'))
print(json.dumps({'numpy': np.__version__}))
