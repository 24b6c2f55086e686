import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalStore } from '@repro/canonical-provenance';
import { ReplayAbortedError, SecretRedactor } from '@repro/replay-runner';
import { FsStore } from '@repro/s43-transport';
import { type Verdict, verdictSchema } from '@repro/verdict-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLog, STORE_BACKENDS, scratchDir, trainCell } from '../../test/use-case-fixtures.js';
import type { ReplayProgress } from '../replay/replay-progress.js';
import { ArtefactConflictError, UseCaseInputError } from '../use-case-errors.js';
import { runVerdictForCell } from './run-verdict-for-cell.js';
import type { VerdictRecorder } from './verdict-recorder.js';

const KEY = { cell: 'defi_top5/fold-3', metric: 'f1_buy' };
const now = () => new Date('2026-12-04T10:00:00Z');
/** These tests plant no secret: the redactor changes nothing they look at. */
const redactor = new SecretRedactor([]);

describe.each(STORE_BACKENDS)('runVerdictForCell on $name with real replay processes', (backend) => {
  let store: CanonicalStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await backend.open());
  });
  afterEach(async () => close());

  async function recordReferences(imageSha = 'img-1') {
    await store.recordCanonical({ ...KEY, run_id: 'canon-1', value: 0.61, provenance: { build_sha: 'abc123', instance_type: 'test-box' } }, { promote: true });
    const samples = Array(10).fill(0.61);
    await store.putEpsProd({ image_sha: imageSha, ...KEY, status: 'measured', eps_prod: 0, n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95, mean: 0.61, sd: 0, samples });
  }

  it('no canonical: INCONCLUSIVE_TOOLING canonical_absent, saved to the history, progress and events reported', async () => {
    const log = eventLog();
    const progress: ReplayProgress[] = [];
    const result = await runVerdictForCell({ ...KEY, replays: 'sequential' }, trainCell('--value', '0.61'), { store, now, redactor, emit: log.emit, onProgress: (p) => progress.push(p) });
    expect(result.verdict).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'canonical_absent', det_status: 'PASS', decided_at: '2026-12-04T10:00:00.000Z' });
    expect(result.saved_to_history).toBe(true);
    expect(result.replays?.mode).toBe('sequential');
    expect(await store.listVerdicts()).toEqual([result.verdict]);
    expect(progress.map((p) => [p.done, p.total, p.last?.label ?? null, p.last?.value ?? null])).toEqual([
      [0, 2, null, null],
      [1, 2, 'A', 0.61],
      [2, 2, 'B', 0.61],
    ]);
    expect(log.names()).toEqual(expect.arrayContaining(['replay_started', 'replay_finished', 's18_replay_determinism', 's18_replay_verdict']));
  });

  it('canonical and eps_prod from the store, the parity dimensions asked for: FIDELITY_OK; the default dimensions leave P0 unverifiable', async () => {
    await recordReferences();
    const ok = await runVerdictForCell({ ...KEY, image_sha: 'img-1', parity_dims: ['build_sha', 'instance_type'] }, trainCell('--value', '0.61'), { store, now, redactor });
    expect(ok.verdict).toMatchObject({ verdict: 'FIDELITY_OK', eps_prod: 0, eps_prod_image_sha: 'img-1', canonical_run_id: 'canon-1', replay_build_sha: 'abc123' });
    expect(ok.verdict.audit.replay_fingerprint).toHaveProperty('observed_knobs');
    expect(ok.verdict.parity_dims).toEqual({ build_sha: 'equal', instance_type: 'equal' });

    const unverified = await runVerdictForCell({ ...KEY, image_sha: 'img-1' }, trainCell('--value', '0.61'), { store, now, redactor });
    expect(unverified.verdict).toMatchObject({ reason: 'env_parity_unverified', parity_dims: { build_sha: 'equal', os: 'missing' } });
    expect(unverified.options.parity_dims).toEqual(['build_sha', 'instance_type', 'os', 'lib_versions']);
  });

  it('eps_num and the image decide divergence: 0.7 against a canonical of 0.61 is CANONICAL_DIVERGENCE unless eps_num covers it', async () => {
    await recordReferences();
    const base = { ...KEY, image_sha: 'img-1', parity_dims: ['build_sha'] };
    const far = await runVerdictForCell(base, trainCell('--value', '0.7'), { store, now, redactor });
    expect(far.verdict).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap' });
    const wide = await runVerdictForCell({ ...base, eps_num: 0.5 }, trainCell('--value', '0.7'), { store, now, redactor });
    expect(wide.verdict).toMatchObject({ verdict: 'FIDELITY_OK', eps_num: 0.5 });
    const noImage = await runVerdictForCell({ ...KEY, parity_dims: ['build_sha'] }, trainCell('--value', '0.61'), { store, now, redactor });
    expect(noImage.verdict).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'epsilon_prod_unmeasured' });
  });

  it('a failed replay is a verdict (replay_error); a replay past timeout_s is killed and is one too', async () => {
    const failed = await runVerdictForCell(KEY, trainCell('--exit', '3'), { store, now, redactor });
    expect(failed.verdict).toMatchObject({ reason: 'replay_error', audit: { replay_a: { error: expect.stringMatching(/^nonzero_exit/) } } });
    const slow = await runVerdictForCell({ ...KEY, timeout_s: 0.3 }, trainCell('--sleep-ms', '20000'), { store, now, redactor });
    expect(slow.verdict).toMatchObject({ reason: 'replay_error', audit: { replay_a: { error: expect.stringMatching(/^timeout/) } } });
    expect(await store.listVerdicts()).toHaveLength(2);
  });

  it('pinning follows the options: hash seed and threads reach the child; pin_mode uncapped sets no knobs', async () => {
    const pinned = await runVerdictForCell({ ...KEY, hash_seed: 7, threads: 2 }, trainCell(), { store, now, redactor });
    expect(pinned.replays?.a.requestedKnobs).toMatchObject({ PYTHONHASHSEED: '7', OMP_NUM_THREADS: '2' });
    const uncapped = await runVerdictForCell({ ...KEY, pin_mode: 'uncapped' }, trainCell(), { store, now, redactor });
    expect(uncapped.replays?.a.pinMode).toBe('uncapped');
    expect(uncapped.replays?.a.requestedKnobs).toEqual({});
  });

  it('bad options fail naming the field before anything runs or is stored', async () => {
    const log = eventLog();
    const run = (options: object) => runVerdictForCell(options as never, trainCell(), { store, now, redactor, emit: log.emit });
    await expect(run({ ...KEY, eps_num: -1 })).rejects.toMatchObject({ name: 'UseCaseInputError', field: 'eps_num' });
    await expect(run({ ...KEY, parity_dims: ['build_sha', ' '] })).rejects.toMatchObject({ field: 'parity_dims.1' });
    await expect(run({ ...KEY, command: ['rm', '-rf', '/'] })).rejects.toMatchObject({ field: 'command', problem: expect.stringContaining('unknown option') });
    await expect(run({ cell: 'c' })).rejects.toThrow(new UseCaseInputError('metric', 'is required'));
    await expect(run({ ...KEY, threads: 0 })).rejects.toMatchObject({ field: 'threads' });
    expect(log.events).toEqual([]);
    expect(await store.listVerdicts()).toEqual([]);
  });

  it('an abort kills the replays: the call rejects with ReplayAbortedError and nothing is stored', async () => {
    const controller = new AbortController();
    const log = eventLog();
    const running = runVerdictForCell(KEY, trainCell('--sleep-ms', '20000'), {
      store,
      now,
      redactor,
      signal: controller.signal,
      emit: (event) => {
        log.emit(event);
        if (log.names().filter((n) => n === 'replay_started').length === 2) controller.abort();
      },
    });
    await expect(running).rejects.toBeInstanceOf(ReplayAbortedError);
    expect(await store.listVerdicts()).toEqual([]);
  });
});

describe('runVerdictForCell with a recorder and an artefact store (as the worker runs a job)', () => {
  let store: CanonicalStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await STORE_BACKENDS[0]!.open());
  });
  afterEach(async () => close());

  /** A ledger in memory: the first decision of the job stands; the history gets it once. */
  function jobLedger(): VerdictRecorder & { saves: number } {
    let fixed: Verdict | null = null;
    const ledger = {
      saves: 0,
      decided: async () => fixed,
      async record(verdict: Verdict) {
        fixed ??= verdict;
        if (ledger.saves > 0) return { verdict: fixed, saved: false };
        ledger.saves += 1;
        await store.saveVerdict(fixed, { key: 'job-1' });
        return { verdict: fixed, saved: true };
      },
    };
    return ledger;
  }

  it('writes the artefact create-only; a retry reuses the decided verdict without replays; other bytes under the key conflict', async () => {
    const dir = scratchDir('artefacts');
    const artefacts = new FsStore(dir);
    const ledger = jobLedger();
    const first = await runVerdictForCell(KEY, trainCell(), { store, now, redactor, recorder: ledger, artefact: { store: artefacts, prefix: 'tenant-a', id: 'job-1' } });
    expect(first.artefact).toMatchObject({ key: 'tenant-a/verdicts/defi_top5/fold-3/job-1.json', created: true });
    expect(verdictSchema.parse(JSON.parse(readFileSync(join(dir, first.artefact!.key), 'utf8')))).toEqual(first.verdict);

    const log = eventLog();
    const retry = await runVerdictForCell(KEY, trainCell(), { store, now, redactor, recorder: ledger, emit: log.emit, artefact: { store: artefacts, prefix: 'tenant-a', id: 'job-1' } });
    expect(retry).toMatchObject({ replays: null, saved_to_history: false, artefact: { created: false } });
    expect(retry.verdict).toEqual(first.verdict);
    expect(log.names()).toEqual(['verdict_reused']);
    expect(await store.listVerdicts()).toHaveLength(1);

    const later = () => new Date('2026-12-05T10:00:00Z');
    await expect(runVerdictForCell(KEY, trainCell(), { store, now: later, redactor, artefact: { store: artefacts, prefix: 'tenant-a', id: 'job-1' } })).rejects.toBeInstanceOf(ArtefactConflictError);
  });

  it('a cell that cannot name an artefact fails on `cell` before the replays', async () => {
    const log = eventLog();
    const artefact = { store: new FsStore(scratchDir('bad-key')), id: 'job-2' };
    await expect(runVerdictForCell({ ...KEY, cell: '../escape' }, trainCell(), { store, now, redactor, artefact, emit: log.emit })).rejects.toMatchObject({ name: 'UseCaseInputError', field: 'cell' });
    expect(log.events).toEqual([]);
  });
});
