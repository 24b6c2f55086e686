import type { CanonicalStore } from '@repro/canonical-provenance';
import { SecretRedactor } from '@repro/replay-runner';
import { FsStore } from '@repro/s43-transport';
import { filesAsText } from '@repro/test-services';
import type { Verdict } from '@repro/verdict-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_BACKENDS, scratchDir, TRAIN_CELL } from '../../test/use-case-fixtures.js';
import type { ReplayCommand } from '../replay/replay-runner-port.js';
import { runVerdictForCell } from './run-verdict-for-cell.js';
import type { VerdictRecorder } from './verdict-recorder.js';
import { writeVerdictReport } from './verdict-report-file.js';

// A replay that reads a secret of the process that started it and reports it everywhere a cell can: in its
// fingerprint (feature_versions), as a metric name, on stderr. Whatever the use case persists or returns
// holds the marker, never the secret.
const SECRET = 'fs-secret-7e1d9c2b44';
const MARKER = '[redacted:FEATURE_STORE_CREDS]';
const ENV = { ...process.env, FEATURE_STORE_CREDS: SECRET, REPRO_SECRET_ENV: 'FEATURE_STORE_CREDS' };
const KEY = { cell: 'defi_top5/fold-3', metric: 'f1_buy', parity_dims: ['build_sha', 'instance_type'] };
const now = () => new Date('2026-12-04T10:00:00Z');

function leakingCell(...args: string[]): ReplayCommand {
  return { command: [process.execPath, TRAIN_CELL, '--report-env', 'FEATURE_STORE_CREDS', ...args], parentEnv: ENV, passEnv: ['FEATURE_STORE_CREDS'] };
}

/** Records what it is given, as the worker's ledger would store it. */
function capturingRecorder(store: CanonicalStore): VerdictRecorder & { readonly written: string[] } {
  const written: string[] = [];
  return {
    written,
    decided: async () => null,
    async record(verdict: Verdict) {
      written.push(JSON.stringify(verdict));
      const { created } = await store.saveVerdict(verdict);
      return { verdict, saved: created };
    },
  };
}

describe.each(STORE_BACKENDS)('runVerdictForCell on $name: a secret the replay reports never reaches a store', (backend) => {
  let store: CanonicalStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await backend.open());
  });
  afterEach(async () => close());

  it('fingerprint and metric names: history, recorder, artefact, report and result hold the marker, not the secret', async () => {
    // the canonical was recorded redacted too (repro canonical record --from-run): parity still holds
    await store.recordCanonical(
      { cell: KEY.cell, metric: KEY.metric, run_id: 'canon-1', value: 0.61, provenance: { build_sha: 'abc123', instance_type: 'test-box', feature_versions: { feature_store: MARKER } } },
      { promote: true },
    );
    const dir = scratchDir('secrets');
    const artefacts = new FsStore(dir);
    const recorder = capturingRecorder(store);
    const redactor = SecretRedactor.fromEnvironment(ENV);
    const result = await runVerdictForCell(KEY, leakingCell('--value', '0.61'), { store, now, redactor, recorder, artefact: { store: artefacts, id: 'job-1' } });
    await writeVerdictReport(artefacts, result.artefact!.key, result.verdict, store, redactor);

    // the secret was reported (the marker stands where it was), and the decision compared redacted with redacted
    expect(result.verdict.audit.replay_fingerprint.feature_versions).toEqual({ feature_store: MARKER });
    expect(result.verdict).toMatchObject({ parity_dims: { feature_versions: 'equal' }, parity_state: 'equal', canonical_run_id: 'canon-1' });
    const stores = {
      history: JSON.stringify(await store.listVerdicts()),
      recorder: recorder.written.join('\n'),
      artefacts: filesAsText(dir),
      result: JSON.stringify(result),
    };
    for (const [where, text] of Object.entries(stores)) {
      expect(text, where).not.toContain(SECRET);
      expect(text, where).toContain(MARKER);
    }
    expect(result.replays!.a.metrics).toHaveProperty(`leak:${MARKER}`);
  });

  it('failure text: a replay whose error names the secret is a verdict whose error holds the marker', async () => {
    // the required metric is absent: the bad_result message lists the metrics the child did report (one names the secret)
    const redactor = SecretRedactor.fromEnvironment(ENV);
    const result = await runVerdictForCell({ ...KEY, metric: 'f1_sell' }, leakingCell(), { store, now, redactor });
    expect(result.verdict).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'replay_error' });
    const error = (result.verdict.audit.replay_a as { error: string }).error;
    expect(error).toMatch(/^bad_result/);
    expect(error).toContain(`leak:${MARKER}`);
    const history = JSON.stringify(await store.listVerdicts());
    expect(history).not.toContain(SECRET);
    expect(history).toContain(MARKER);
  });

  it('control: with a redactor that knows no secret, the same replay stores it (the test can fail)', async () => {
    const result = await runVerdictForCell(KEY, leakingCell(), { store, now, redactor: new SecretRedactor([]) });
    expect(JSON.stringify(result.verdict)).toContain(SECRET);
  });
});
