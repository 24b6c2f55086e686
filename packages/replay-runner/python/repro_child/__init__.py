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

# Distributions whose version is recorded in lib_versions when installed.
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


def _git_head():
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
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


def _threadpools():
    try:
        import threadpoolctl  # noqa: PLC0415 - optional
    except ImportError:
        return None
    try:
        return [
            {k: v for k, v in pool.items() if isinstance(v, (str, int, float, bool)) or v is None}
            for pool in threadpoolctl.threadpool_info()
        ]
    except Exception as error:  # an audit field must never break the replay
        return {"error": repr(error)}


def capture_fingerprint():
    """The environment fingerprint of this interpreter: P0 dimensions + audit data."""
    env = _initial_environ()
    # The runner names the knobs to report (REPRO_KNOB_NAMES), read from the start-up environment too.
    names = [name for name in env.get("REPRO_KNOB_NAMES", "").split(",") if name]
    lib_versions = {"python": platform.python_version()}
    for name in _LIBRARIES:
        version = _version_of(name)
        if version is not None:
            lib_versions[name] = version
    libc_name, libc_version = platform.libc_ver()
    return {
        "build_sha": env.get("BUILD_SHA") or _git_head(),
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
        "observed_knobs": {name: env.get(name) for name in names},
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
