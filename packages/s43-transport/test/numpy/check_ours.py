"""Load a .npz written by @repro/s43-transport and compare it to a manifest of expected arrays.

Usage: python3 check_ours.py FILE.npz MANIFEST.json
The manifest maps names to {dtype, shape, sha256, values?}. Prints a JSON report; exit 1 on any difference.
"""
import hashlib
import json
import sys

import numpy as np

def num(v):
    v = float(v)
    if np.isnan(v):
        return None
    if np.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


path, manifest_path = sys.argv[1], sys.argv[2]
manifest = json.load(open(manifest_path))
problems = []
with np.load(path, allow_pickle=False) as z:
    if sorted(z.files) != sorted(manifest):
        problems.append(f'keys {sorted(z.files)} != {sorted(manifest)}')
    for name, want in manifest.items():
        if name not in z.files:
            continue
        a = z[name]
        if a.dtype.str != want['dtype']:
            problems.append(f'{name}: dtype {a.dtype.str} != {want["dtype"]}')
        if list(a.shape) != want['shape']:
            problems.append(f'{name}: shape {list(a.shape)} != {want["shape"]}')
        sha = hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()
        if sha != want['sha256']:
            problems.append(f'{name}: sha256 {sha} != {want["sha256"]}')
        if want.get('values') is not None:
            got = a.ravel().tolist()
            exp = want['values']
            if a.dtype.kind == 'S':
                got = [v.decode('latin1') for v in got]
            if a.dtype.kind in 'iu':
                got = [str(v) for v in got]
            if a.dtype.kind == 'c':
                got = [[num(v.real), num(v.imag)] for v in got]
            if a.dtype.kind == 'f':
                got = [num(v) for v in got]
            if got != exp:
                problems.append(f'{name}: values {got} != {exp}')
print(json.dumps({'ok': not problems, 'problems': problems}))
sys.exit(1 if problems else 0)
