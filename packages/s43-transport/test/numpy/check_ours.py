"""Load a .npz written by @repro/s43-transport and compare it to a manifest of expected arrays.

Usage: python3 check_ours.py FILE.npz MANIFEST.json
The manifest maps names to {dtype, shape, sha256, values?} (see npz_manifest.py). Prints a JSON report;
exit 1 on any difference.
"""
import json
import sys

import numpy as np

from npz_manifest import json_values, le_sha256

path, manifest_path = sys.argv[1], sys.argv[2]
with open(manifest_path) as f:
    manifest = json.load(f)
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
        if le_sha256(a) != want['sha256']:
            problems.append(f'{name}: sha256 {le_sha256(a)} != {want["sha256"]}')
        if want.get('values') is not None and json_values(a) != want['values']:
            problems.append(f'{name}: values {json_values(a)} != {want["values"]}')
print(json.dumps({'ok': not problems, 'problems': problems}))
sys.exit(1 if problems else 0)
