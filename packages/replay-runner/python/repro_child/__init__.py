"""Child side of the @repro/replay-runner protocol, for Python training scripts.

    import repro_child
    p = repro_child.params()                      # worker-time params ({} when none were given)
    ...train...
    repro_child.write_result({"f1_buy": f1}, feature_versions={"prices": "v7"})

The runner puts this package's folder on PYTHONPATH. The fingerprint is captured here, inside the child:
the environment as this interpreter saw it at start, not what the parent meant to give it.
Standard library only; numpy & co. are never imported by this module (their versions are read from
package metadata, or from the module if the script already imported it).
"""

import json
import math
import os
import platform
import subprocess
import sys

__all__ = ["params", "write_result", "capture_fingerprint", "local_instance_type"]

# Distributions whose version is recorded in lib_versions when installed, imported or not (the minimum);
# every other top-level package the script imported is recorded too (see _imported_versions).
_LIBRARIES = ("numpy", "scipy", "lightgbm", "torch")

# Fallback when /proc/self/environ is unreadable: the environment when this module was first imported.
_ENV_AT_IMPORT = dict(os.environ)


def _initial_environ():
    """The environment this process was exec'd with (Linux: /proc/self/environ)."""
    try:
        with open("/proc/self/environ", "rb") as handle:
            raw = handle.read()
    except OSError:
        return dict(_ENV_AT_IMPORT)
    env = {}
    for item in raw.split(b"\0"):
        name, sep, value = item.partition(b"=")
        if sep and name:
            env[name.decode("utf-8", "surrogateescape")] = value.decode("utf-8", "surrogateescape")
    return env


def params():
    """Worker-time parameters from REPRO_PARAMS_FILE as a dict; {} when the runner gave none."""
    path = os.environ.get("REPRO_PARAMS_FILE")
    if not path:
        return {}
    with open(path, "r", encoding="utf-8") as handle:
        value = json.load(handle)
    if not isinstance(value, dict):
        raise ValueError("REPRO_PARAMS_FILE %s: expected a JSON object, got %s" % (path, type(value).__name__))
    return value


def _git_head(directory=None):
    try:
        out = subprocess.run(
            ["git", "-C", directory or ".", "rev-parse", "HEAD"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=5,
            check=True,
        ).stdout.decode("ascii", "replace").strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if len(out) in (40, 64) and all(c in "0123456789abcdef" for c in out) else None


def local_instance_type():
    """'<CPU model> x<logical cores>' (the Node helper produces the same text on the same machine)."""
    model = ""
    try:
        with open("/proc/cpuinfo", "r", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    if not model:
        model = platform.processor() or platform.machine()
    return "%s x%d" % (model, os.cpu_count() or 0)


def _version_of(name):
    module = sys.modules.get(name)
    version = getattr(module, "__version__", None) if module is not None else None
    if isinstance(version, str):
        return version
    try:
        from importlib import metadata
    except ImportError:  # pragma: no cover - Python < 3.8
        return None
    try:
        return metadata.version(name)
    except Exception:  # PackageNotFoundError and broken metadata alike
        return None


def _stdlib_names():
    names = getattr(sys, "stdlib_module_names", None)  # Python >= 3.10
    return set(names) if names else set(sys.builtin_module_names)


def _imported_versions():
    """Version of every top-level, non-standard-library package this process imported, keyed by its
    distribution name when importlib.metadata knows it (sklearn -> scikit-learn), else the module name."""
    stdlib = _stdlib_names()
    try:
        from importlib import metadata
        dists_of = metadata.packages_distributions()
    except Exception:  # Python < 3.10 or broken metadata
        metadata, dists_of = None, {}
    versions = {}
    for name in sorted(set(sys.modules)):
        if "." in name or name.startswith("_") or name in stdlib or name in ("__main__", "repro_child"):
            continue
        module = sys.modules.get(name)
        if module is None:
            continue
        dist_names = dists_of.get(name) or []
        version = None
        key = dist_names[0] if dist_names else name
        if metadata is not None:
            for dist in dist_names:
                try:
                    version = metadata.version(dist)
                    key = dist
                    break
                except Exception:
                    continue
        if version is None:
            attr = getattr(module, "__version__", None)
            version = attr if isinstance(attr, str) else None
        if version is not None:
            versions[key] = version
    return versions


# Thread-pool libraries, as threadpoolctl finds them: (internal_api, user_api, filename marker,
# thread-count symbols tried in order, version symbol).
_POOL_LIBRARIES = (
    ("openblas", "blas", "openblas", ("openblas_get_num_threads", "openblas_get_num_threads64_",
                                      "scipy_openblas_get_num_threads", "scipy_openblas_get_num_threads64_"),
     ("openblas_get_config", "openblas_get_config64_", "scipy_openblas_get_config", "scipy_openblas_get_config64_")),
    ("mkl", "blas", "libmkl_rt", ("MKL_Get_Max_Threads",), ()),
    ("blis", "blas", "libblis", ("bli_thread_get_num_threads",), ()),
    ("openmp", "openmp", "libgomp", ("omp_get_max_threads",), ()),
    ("openmp", "openmp", "libiomp", ("omp_get_max_threads",), ()),
    ("openmp", "openmp", "libomp", ("omp_get_max_threads",), ()),
)


def _loaded_libraries():
    paths = set()
    with open("/proc/self/maps", "r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split(None, 5)
            if len(parts) == 6 and ".so" in parts[5]:
                paths.add(parts[5].strip())
    return sorted(paths)


def _threadpools():
    """The thread pools this process really runs: each loaded OpenBLAS / MKL / BLIS / OpenMP library,
    asked through ctypes for its current thread count (threadpoolctl's method, re-implemented here:
    standard library only). None when the loaded libraries cannot be listed (not Linux)."""
    try:
        paths = _loaded_libraries()
    except OSError:
        return None
    try:
        import ctypes
    except ImportError:  # pragma: no cover
        return None
    pools = []
    for path in paths:
        base = os.path.basename(path)
        for internal_api, user_api, marker, count_symbols, version_symbols in _POOL_LIBRARIES:
            if marker not in base or (marker == "libomp" and "libgomp" in base):
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                break
            count = None
            for symbol in count_symbols:
                function = getattr(lib, symbol, None)
                if function is not None:
                    function.restype = ctypes.c_int
                    count = int(function())
                    break
            version = None
            for symbol in version_symbols:
                function = getattr(lib, symbol, None)
                if function is not None:
                    function.restype = ctypes.c_char_p
                    config = (function() or b"").decode("utf-8", "replace").split()
                    version = config[1] if len(config) > 1 and config[0] == "OpenBLAS" else None
                    break
            if count is not None:
                pools.append({"user_api": user_api, "internal_api": internal_api, "filepath": path,
                              "num_threads": count, "version": version})
            break
    return pools


def _cpus_visible():
    """CPUs this process may run on (its affinity mask), else the logical CPU count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def _build_sha(env):
    """(sha, source): the runner's resolution (REPRO_BUILD_SHA, from the training code's checkout), else
    BUILD_SHA, else the git checkout of the script this interpreter runs, else of its working directory."""
    if env.get("REPRO_BUILD_SHA"):
        return env["REPRO_BUILD_SHA"], env.get("REPRO_BUILD_SHA_SOURCE") or "runner"
    if env.get("BUILD_SHA"):
        return env["BUILD_SHA"], "env"
    script = sys.argv[0] if sys.argv and sys.argv[0] not in ("", "-c", "-m") else None
    if script and os.path.isfile(script):
        sha = _git_head(os.path.dirname(os.path.abspath(script)))
        if sha:
            return sha, "child_script_checkout"
    sha = _git_head()
    return sha, ("child_cwd_checkout" if sha else None)


def capture_fingerprint():
    """The environment fingerprint of this interpreter: P0 dimensions + audit data."""
    env = _initial_environ()
    # The runner names the knobs to report (REPRO_KNOB_NAMES), read from the start-up environment too.
    names = [name for name in env.get("REPRO_KNOB_NAMES", "").split(",") if name]
    lib_versions = {"python": platform.python_version()}
    lib_versions.update(_imported_versions())
    for name in _LIBRARIES:
        version = _version_of(name)
        if version is not None and name not in lib_versions:
            lib_versions[name] = version
    libc_name, libc_version = platform.libc_ver()
    build_sha, build_sha_source = _build_sha(env)
    return {
        "build_sha": build_sha,
        "build_sha_source": build_sha_source,
        "instance_type": env.get("INSTANCE_TYPE") or local_instance_type(),
        "os": "%s %s %s" % (platform.system(), platform.release(), platform.machine()),
        "lib_versions": lib_versions,
        "runtime": {
            "name": "python",
            "implementation": platform.python_implementation(),
            "version": platform.python_version(),
            "executable": sys.executable,
        },
        "platform": platform.platform(),
        "libc": {"name": libc_name, "version": libc_version} if libc_name else None,
        "hash_randomization": sys.flags.hash_randomization,
        "threadpools": _threadpools(),
        "cpus_visible": _cpus_visible(),
        "observed_knobs": {name: env.get(name) for name in names},
        # The same knobs now: a script that changed one during the run (before loading BLAS) is caught.
        "knobs_at_result": {name: os.environ.get(name) for name in names},
        "helper": "repro_child/python",
    }


def _encode_metric(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)  # numpy scalars
        except (TypeError, ValueError):
            raise TypeError("metric %s: expected a number, got %s" % (name, type(value).__name__))
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def write_result(metrics, **fingerprint_extra):
    """Write REPRO_RESULT_FILE atomically and return the payload.

    Non-finite metrics are written as the strings "NaN" / "Infinity" / "-Infinity" (the runner fails
    the replay with non_finite_metric). Keyword extras (feature_versions=..., artifact_versions=...,
    build_sha=...) land at the top level of the fingerprint and win over captured values. Outside the
    runner (REPRO_RESULT_FILE unset) nothing is written.
    """
    encoded = {str(name): _encode_metric(name, value) for name, value in dict(metrics).items()}
    fingerprint = capture_fingerprint()
    fingerprint.update(fingerprint_extra)
    payload = {"metrics": encoded, "fingerprint": fingerprint}
    text = json.dumps(payload, allow_nan=False, default=str, sort_keys=True)
    path = os.environ.get("REPRO_RESULT_FILE")
    if path:
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(tmp, path)
    return payload
