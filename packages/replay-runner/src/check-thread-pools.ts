import type { KnobMismatch } from './replay-error.js';

/** One thread pool the child runs, as its helper inspected it (threadpoolctl's fields). */
export interface ObservedThreadPool {
  readonly user_api?: string;
  /** `openblas`, `mkl`, `blis`, `openmp`. */
  readonly internal_api?: string;
  readonly filepath?: string;
  readonly num_threads?: number;
  readonly version?: string | null;
}

/** The spawn-time cap that governs each pool's thread count. */
export const POOL_CAP_KNOB: Readonly<Record<string, string>> = Object.freeze({
  openblas: 'OPENBLAS_NUM_THREADS',
  mkl: 'MKL_NUM_THREADS',
  blis: 'BLIS_NUM_THREADS',
  openmp: 'OMP_NUM_THREADS',
});

/**
 * Compares the thread pools the child really runs with the pinned caps: a pool whose governing cap is
 * requested (a number) and whose thread count is neither the cap nor min(cap, visible CPUs) — OpenBLAS
 * never runs more threads than CPUs — is a mismatch naming the pool and both values. Pools of unknown
 * libraries, or without a thread count, are not compared. Pure.
 */
export function checkThreadPools(requested: Readonly<Record<string, string>>, pools: unknown, cpusVisible?: unknown): KnobMismatch[] {
  const cpus = typeof cpusVisible === 'number' && Number.isSafeInteger(cpusVisible) && cpusVisible > 0 ? cpusVisible : null;
  if (!Array.isArray(pools)) return [];
  const mismatches: KnobMismatch[] = [];
  for (const pool of pools as ObservedThreadPool[]) {
    if (pool === null || typeof pool !== 'object') continue;
    const knob = pool.internal_api !== undefined ? POOL_CAP_KNOB[pool.internal_api] : undefined;
    if (knob === undefined || !Object.hasOwn(requested, knob) || typeof pool.num_threads !== 'number') continue;
    const cap = requested[knob]!;
    if (!/^\d+$/.test(cap) || Number(cap) === pool.num_threads) continue;
    if (cpus !== null && pool.num_threads === Math.min(Number(cap), cpus)) continue;
    mismatches.push({
      knob,
      requested: cap,
      observed: String(pool.num_threads),
      stage: 'threadpool',
      pool: `${pool.internal_api}${pool.filepath ? ` (${pool.filepath})` : ''}`,
    });
  }
  return mismatches;
}

/**
 * Knobs the script changed in its own environment during the run (`knobs_at_result`, reported by the
 * helpers when writing the result): a requested knob whose value at the end differs is a mismatch —
 * libraries loaded after the change run with it. Knobs not reported are not compared. Pure.
 */
export function checkKnobsAtResult(
  requested: Readonly<Record<string, string>>,
  atResult: Readonly<Record<string, string | null>> | undefined,
): KnobMismatch[] {
  if (atResult === undefined || atResult === null || typeof atResult !== 'object') return [];
  const mismatches: KnobMismatch[] = [];
  for (const [knob, value] of Object.entries(requested)) {
    if (!Object.hasOwn(atResult, knob)) continue;
    const seen = atResult[knob];
    if (seen !== value) mismatches.push({ knob, requested: value, observed: seen ?? null, stage: 'at_result' });
  }
  return mismatches;
}
