"""What both fixture scripts record about an array, computed one way (imported by make_fixtures.py and
check_ours.py, which run with this directory on sys.path).

An array is described by its dtype string as numpy reports it, its shape, whether it is stored in Fortran
order, the sha256 of its elements in C order and little-endian (the hash `repro npz inspect` prints), and its
values as JSON: integers as decimal strings (int64 does not fit a double), floats as numbers with NaN as null
and infinities as 'inf' / '-inf', complex numbers as [re, im], bytes strings as latin-1 text.
"""
import hashlib

import numpy as np


def le_sha256(a):
    """sha256 of np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes() (bools as 0/1, as numpy reads them)."""
    if a.dtype.kind == 'b':
        a = a != 0
    return hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()


def json_number(v):
    v = float(v)
    if np.isnan(v):
        return None
    if np.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


def json_values(a):
    """The elements of `a` in C order, as JSON values (see the module docstring)."""
    flat = a.ravel(order='C')
    kind = a.dtype.kind
    if kind == 'c':
        return [[json_number(z.real), json_number(z.imag)] for z in flat]
    if kind == 'S':
        return [v.decode('latin1') for v in flat]
    if kind in 'iu':
        return [str(v) for v in flat]
    if kind in 'Mm':
        return [str(v) for v in flat.astype(flat.dtype.newbyteorder('<')).view('<i8')]
    if kind == 'b':
        return [bool(v != 0) for v in flat]
    if kind == 'f':
        return [json_number(v) for v in flat]
    return [v.item() for v in flat]


def describe(a, max_values=64):
    """The manifest entry of an array; values only for arrays of at most `max_values` elements."""
    return {
        'dtype': a.dtype.str,
        'shape': list(a.shape),
        'fortran_order': bool(a.flags.f_contiguous and not a.flags.c_contiguous),
        'sha256': le_sha256(a),
        'values': json_values(a) if a.size <= max_values else None,
    }
