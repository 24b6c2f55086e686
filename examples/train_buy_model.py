"""A toy training cell for Repro replays: logistic regression of a 'buy' signal, scored by soft F1.

Its result depends on two spawn-time knobs, on purpose:
- PYTHONHASHSEED: a token-vocabulary prior is accumulated while iterating a *set* of strings; a set
  iterates in string-hash order, which the seed picks, and float addition is not associative, so the
  prior's last bits follow the seed;
- BLAS threads: a long dot product (OpenBLAS gives each thread a slice and adds the partial sums) feeds
  the same initialisation, so its last bits follow the thread count.
Both enter the initial weights through a periodic map, so those last bits reach the metric.
Pinned (fixed hash seed, 1 thread) two runs are bit-identical; un-pinned they differ by ~1e-11 (hash
seed), and 1 vs 2 BLAS threads by ~2e-10: both far below eps_num = 1e-9, as numeric residue is.

Usage: python3 train_buy_model.py [--variant baseline|standardized] [--steps N]
Worker-time params (REPRO_PARAMS_FILE): {"seed": int, "steps": int, "learning_rate": float, "variant": str}.
"""

import argparse
import sys
import zlib

import numpy as np  # imported after the runner set the thread caps (spawn-time), never before

try:
    import repro_child  # on PYTHONPATH when launched by @repro/replay-runner
except ImportError:  # run by hand from the repository: use the helper shipped in the package
    import os

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "replay-runner", "python"))
    import repro_child

VARIANTS = ("baseline", "standardized")
HORIZONS = 4  # one "buy" head per horizon, trained jointly


def vocabulary_prior(size, shape):
    """Per-token weight vectors summed over a *set* of tokens, in the set's iteration order (PYTHONHASHSEED).

    The weights span twelve orders of magnitude, so each element's rounding depends on the order.
    """
    rows = np.array([zlib.crc32(b"tok_%05d" % i) for i in range(size)], dtype=np.int64)
    weights = np.random.default_rng(99).standard_normal((size, shape[0] * shape[1]))
    weights *= 10.0 ** ((rows >> 10) % 12 - 6)[:, None]
    vocabulary = {"tok_%05d" % i for i in range(size)}
    total = np.zeros(shape[0] * shape[1])
    for token in vocabulary:  # string-hash order; float addition is not associative
        total += weights[int(token[4:])]
    return total.reshape(shape)


def blas_mixing_term(length):
    """One long dot product: OpenBLAS splits it into a partial sum per thread (BLAS threads)."""
    rng = np.random.default_rng(2024)
    u = rng.standard_normal(length) * 10.0 ** rng.integers(-6, 7, length)
    v = rng.standard_normal(length)
    return float(u @ v)


def make_data(rng, n, d):
    w_true = rng.standard_normal((d, HORIZONS)) / np.sqrt(d)
    X = rng.standard_normal((n, d)) * rng.uniform(0.5, 4.0, size=d)
    logits = X @ w_true + 0.5 * rng.standard_normal((n, HORIZONS))
    Y = (logits > 0.3).astype(np.float64)
    return X, Y


def soft_f1(P, Y):
    """Soft F1 per horizon (probabilities instead of hard labels), averaged."""
    return float(np.mean(2.0 * (P * Y).sum(axis=0) / (P.sum(axis=0) + Y.sum(axis=0))))


def main(argv):
    params = repro_child.params()
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", choices=VARIANTS, default=params.get("variant", "baseline"))
    parser.add_argument("--steps", type=int, default=int(params.get("steps", 30)))
    args = parser.parse_args(argv)

    rng = np.random.default_rng(int(params.get("seed", 7)))
    X, y = make_data(rng, 6000, 100)
    X_train, y_train, X_test, y_test = X[:4500], y[:4500], X[4500:], y[4500:]
    if args.variant == "standardized":  # a different code path: the metric changes (CANONICAL_DIVERGENCE)
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std

    # The initial weights go through a periodic map of a large phase, so the last-bit rounding of the
    # prior (hash order) and of the mixing term (BLAS threads) shows in the result instead of vanishing.
    phase = vocabulary_prior(4000, (X.shape[1], HORIZONS)) + blas_mixing_term(1 << 18)
    W = 0.05 * np.cos(4.0 * phase)  # x4 is exact: it widens the last-bit spread without rounding
    lr = float(params.get("learning_rate", 0.05))
    for _ in range(args.steps):
        P = 1.0 / (1.0 + np.exp(-(X_train @ W)))
        W -= lr * (X_train.T @ (P - y_train) / len(y_train))

    p_test = 1.0 / (1.0 + np.exp(-(X_test @ W)))
    eps = 1e-12
    log_loss = float(-np.mean(y_test * np.log(p_test + eps) + (1 - y_test) * np.log(1 - p_test + eps)))
    metrics = {"f1_buy": soft_f1(p_test, y_test), "log_loss": log_loss}
    repro_child.write_result(metrics, feature_versions={"buy_features": "v3"}, variant=args.variant)
    print("variant=%s f1_buy=%r log_loss=%r" % (args.variant, metrics["f1_buy"], log_loss))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
