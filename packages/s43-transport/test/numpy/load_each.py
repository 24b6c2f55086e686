"""Load every .npz named on stdin (one path a line) with np.load, as the fuzz test's reference.

Prints one JSON object: path -> {"ok": {member: [dtype as stored, shape, sha256 of C-order LE elements]}}
for the .npy members, or {"error": "<exception class>"} when numpy refuses the file.
"""
import json
import sys

import numpy as np

from npz_manifest import le_sha256

out = {}
for path in sys.stdin.read().split('\n'):
    if not path:
        continue
    try:
        arrays = {}
        with np.load(path, allow_pickle=False) as z:
            for name in z.zip.namelist():
                if name.endswith('.npy'):
                    a = z[name]
                    arrays[name] = [a.dtype.str, list(a.shape), le_sha256(a)]
        out[path] = {'ok': arrays}
    except Exception as e:  # noqa: BLE001 - any refusal is a refusal
        out[path] = {'error': type(e).__name__}
print(json.dumps(out))
