// A Node twin of train_buy_model.py, for machines without python3 + numpy (`repro demo` falls back to it).
// A toy training cell: logistic regression of a 'buy' signal, scored by soft F1 (`f1_buy`).
//
// Its result depends on two spawn-time knobs, on purpose, the way Python + BLAS code does:
// - PYTHONHASHSEED: a token-vocabulary prior is accumulated in "hash order", which this script derives
//   from PYTHONHASHSEED exactly as CPython's string hashing would (unset → a random order per process);
//   float addition is not associative, so the prior's last bits follow the seed;
// - OMP_NUM_THREADS: a long dot product is summed as one partial sum per "thread", then combined, as
//   OpenBLAS does; its last bits follow the thread count (unset → the machine's core count).
// Pinned (fixed seed, 1 thread) two runs are bit-identical; un-pinned they differ in the last bits.
//
// Usage: node train_buy_model_node.cjs [--variant baseline|standardized]
// Launched by @repro/replay-runner: writes its result through the Node child helper ($REPRO_NODE_CHILD).
const { availableParallelism } = require('node:os');
const { randomInt } = require('node:crypto');

const args = process.argv.slice(2);
const variantAt = args.indexOf('--variant');
const variant = variantAt === -1 ? 'baseline' : args[variantAt + 1];
if (variant !== 'baseline' && variant !== 'standardized') {
  process.stderr.write(`unknown --variant ${variant} (baseline | standardized)\n`);
  process.exit(2);
}

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (random) => () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const D = 8;
const hashSeed = process.env.PYTHONHASHSEED;
const orderSeed = hashSeed === undefined || hashSeed === 'random' ? randomInt(2 ** 31) : Number(hashSeed) + 1;
const threads = Math.max(1, Number(process.env.OMP_NUM_THREADS) || availableParallelism());

/** The vocabulary prior, summed in "hash order" (PYTHONHASHSEED). */
function vocabularyPrior() {
  const draw = normal(prng(99));
  const rows = Array.from({ length: 2000 }, (_, i) => Array.from({ length: D }, () => draw() * 10 ** ((i % 12) - 6)));
  const order = rows.map((_, i) => i);
  const shuffle = prng(orderSeed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const total = new Array(D).fill(0);
  for (const i of order) for (let k = 0; k < D; k += 1) total[k] += rows[i][k];
  return total;
}

/** One long dot product, one partial sum per thread (OMP_NUM_THREADS). */
function blasMixingTerm() {
  const draw = normal(prng(2024));
  const n = 200_000;
  const u = Array.from({ length: n }, (_, i) => draw() * 10 ** ((i % 13) - 6));
  const v = Array.from({ length: n }, () => draw());
  const partials = new Array(threads).fill(0);
  const chunk = Math.ceil(n / threads);
  for (let t = 0; t < threads; t += 1) for (let i = t * chunk; i < Math.min(n, (t + 1) * chunk); i += 1) partials[t] += u[i] * v[i];
  return partials.reduce((a, b) => a + b, 0);
}

// Data: a fixed synthetic problem (the training data never changes between replays).
const draw = normal(prng(7));
const wTrue = Array.from({ length: D }, () => draw());
const X = Array.from({ length: 600 }, () => Array.from({ length: D }, (_, k) => draw() * (0.5 + k)));
const y = X.map((x) => (x.reduce((s, xk, k) => s + xk * wTrue[k], 0) + draw() > 0 ? 1 : 0));
if (variant === 'standardized') {
  for (let k = 0; k < D; k += 1) {
    const mean = X.reduce((s, x) => s + x[k], 0) / X.length;
    const sd = Math.sqrt(X.reduce((s, x) => s + (x[k] - mean) ** 2, 0) / X.length);
    for (const x of X) x[k] = (x[k] - mean) / sd;
  }
}

// Training: the knob-dependent terms enter the initial weights through a periodic map, so their last
// bits reach the metric.
const prior = vocabularyPrior();
const mixing = blasMixingTerm();
const w = prior.map((p, k) => 0.01 * Math.sin(1e2 * p + 5 * mixing + k));
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
for (let step = 0; step < 150; step += 1) {
  const grad = new Array(D).fill(0);
  for (let i = 0; i < X.length; i += 1) {
    const p = sigmoid(X[i].reduce((s, xk, k) => s + xk * w[k], 0));
    for (let k = 0; k < D; k += 1) grad[k] += (p - y[i]) * X[i][k];
  }
  for (let k = 0; k < D; k += 1) w[k] -= (0.05 / X.length) * grad[k];
}

// Soft F1 of the 'buy' class.
let tp = 0;
let predicted = 0;
let actual = 0;
for (let i = 0; i < X.length; i += 1) {
  const p = sigmoid(X[i].reduce((s, xk, k) => s + xk * w[k], 0));
  tp += p * y[i];
  predicted += p;
  actual += y[i];
}
const f1Buy = (2 * tp) / (predicted + actual);

if (process.env.REPRO_NODE_CHILD) require(process.env.REPRO_NODE_CHILD).writeResult({ f1_buy: f1Buy }, { variant });
else process.stdout.write(`${JSON.stringify({ f1_buy: f1Buy, variant })}\n`);
