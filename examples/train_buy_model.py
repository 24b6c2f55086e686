"""A toy training cell for Repro replays: logistic regression of a 'buy' signal, scored by soft F1.

Its result depends on two spawn-time knobs, on purpose:
- PYTHONHASHSEED: a feature-vocabulary *set* is iterated to build a prior; set order follows the string
  hash, and float addition is not associative, so the prior's low bits (and the metric's) follow the seed;
- BLAS threads: the gradient's matrix-vector products are split across OpenBLAS threads, which changes
  the summation order inside each dot product.
Pinned (fixed hash seed, 1 thread) two runs are bit-identical; un-pinned they differ.

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


def vocabulary_prior(size, dim, horizons):
    """Bag-of-tokens prior (dim x horizons): token embeddings weighted per token, summed over a *set*.

    The set is iterated in string-hash order (PYTHONHASHSEED), and the sum is one GEMM over the tokens,
    which OpenBLAS splits across its threads: both change the float summation order.
    """
    order = [int(token[4:]) for token in {"tok_%05d" % i for i in range(size)}]
    crc = np.array([zlib.crc32(b"tok_%05d" % i) for i in range(size)], dtype=np.int64)
    magnitude = 10.0 ** ((crc >> 10) % 12 - 6)  # wide dynamic range: rounding depends on the order
    weights = ((crc % 1000) / 997.0 - 0.5) * magnitude
    embedding = np.random.default_rng(2024).standard_normal((size, dim))
    heads = weights[:, None] * np.linspace(0.5, 2.0, horizons)[None, :]
    return embedding[order].T @ heads[order]


HORIZONS = 4  # one "buy" head per horizon, trained jointly


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
    parser.add_argument("--steps", type=int, default=int(params.get("steps", 60)))
    args = parser.parse_args(argv)

    rng = np.random.default_rng(int(params.get("seed", 7)))
    X, y = make_data(rng, 12000, 160)
    X_train, y_train, X_test, y_test = X[:9000], y[:9000], X[9000:], y[9000:]
    if args.variant == "standardized":  # a different code path: the metric changes (CANONICAL_DIVERGENCE)
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std

    prior = vocabulary_prior(9000, X.shape[1], HORIZONS)
    # The prior enters the initial weights through a periodic map, so its last-bit rounding (hash order,
    # BLAS threads) shows in the result instead of vanishing under the weights' precision.
    W = 0.05 * np.cos(prior)
    lr = float(params.get("learning_rate", 0.05))
    for _ in range(args.steps):
        P = 1.0 / (1.0 + np.exp(-(X_train @ W)))
        grad = X_train.T @ (P - y_train) / len(y_train)  # GEMM reduced over samples: split across BLAS threads
        W -= lr * grad

    p_test = 1.0 / (1.0 + np.exp(-(X_test @ W)))
    eps = 1e-12
    log_loss = float(-np.mean(y_test * np.log(p_test + eps) + (1 - y_test) * np.log(1 - p_test + eps)))
    metrics = {"f1_buy": soft_f1(p_test, y_test), "log_loss": log_loss}
    repro_child.write_result(metrics, feature_versions={"buy_features": "v3"}, variant=args.variant)
    print("variant=%s f1_buy=%r log_loss=%r" % (args.variant, metrics["f1_buy"], log_loss))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
