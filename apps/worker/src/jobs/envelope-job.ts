import type { CanonicalStore, EpsProdRecord } from '@repro/canonical-provenance';
import { runMany } from '@repro/replay-runner';
import { measureProdEnvelope } from '@repro/verdict-core';
import type { ReplayProfile } from '../config/worker-config-schema.js';
import { replaySpecForProfile } from '../config/replay-spec-for-profile.js';
import type { EnvelopeJobPayload } from '@repro/job-queue';
import type { JobContext } from './job-context.js';
import { lookupProfile } from './lookup-profile.js';

export interface EnvelopeJobDeps {
  profiles: Readonly<Record<string, ReplayProfile>>;
  parentEnv: Readonly<Record<string, string | undefined>>;
  store: Pick<CanonicalStore, 'getEpsProd' | 'putEpsProd'>;
  /** Serialises jobs of one (image_sha, cell, metric) key across workers; runs `work` holding the key. */
  withKeyLock: <T>(key: string, signal: AbortSignal, work: () => Promise<T>) => Promise<T>;
}

export interface EnvelopeJobResult {
  /** true: the stored eps_prod for this key was reused (no runs); false: measured by this job. */
  reused: boolean;
  eps_prod: Omit<EpsProdRecord, 'samples'> & { samples?: readonly number[] };
}

function withoutSamples(record: EpsProdRecord): EnvelopeJobResult['eps_prod'] {
  const { samples: _samples, ...rest } = record;
  return rest;
}

/**
 * `envelope {cell, metric, profile, image_sha, n, force}`: n un-capped (production-config) runs of the
 * profile, eps_prod measured (verdict-core) and stored under (image_sha, cell, metric). Idempotent per
 * key: a job for a key already stored reuses it unless `force`; jobs for one key never run at once.
 * A run that crashes, times out or was not pinned fails the job (retried); a run whose metric is NaN is
 * a sample, and makes the envelope `unmeasured` (non_finite_sample), stored as such.
 */
export async function runEnvelopeJob(payload: EnvelopeJobPayload, ctx: JobContext, deps: EnvelopeJobDeps): Promise<EnvelopeJobResult> {
  const profile = lookupProfile(deps.profiles, payload.profile);
  const lockKey = JSON.stringify(['eps_prod', payload.image_sha, payload.cell, payload.metric]);
  return deps.withKeyLock(lockKey, ctx.signal, async () => {
    if (!payload.force) {
      const stored = await deps.store.getEpsProd(payload.image_sha, payload.cell, payload.metric);
      if (stored.present) {
        const { present: _present, ...record } = stored;
        ctx.log.info({ event: 'eps_prod_reused', image_sha: payload.image_sha, status: record.status, eps_prod: record.eps_prod, n: record.n });
        return { reused: true, eps_prod: withoutSamples(record) };
      }
    }
    const spec = replaySpecForProfile(profile, { metric: payload.metric, purpose: 'envelope', parentEnv: deps.parentEnv });
    const runs = await runMany(spec, payload.n, {
      signal: ctx.signal,
      emit: (event) => ctx.emit(event),
      onProgress: ({ done, total, failed }) => ctx.log.info({ event: 'envelope_progress', done, total, failed }),
    });
    const broken = runs.filter((run) => !run.ok && run.error.kind !== 'non_finite_metric');
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new Error(`${broken.length} of ${payload.n} production runs failed (first: ${first.label} ${first.error?.kind}: ${first.error?.message}); eps_prod not stored`);
    }
    const samples = runs.map((run) => run.metrics?.[payload.metric] ?? Number.NaN);
    const envelope = measureProdEnvelope(samples);
    const record = await deps.store.putEpsProd({
      image_sha: payload.image_sha,
      cell: payload.cell,
      metric: payload.metric,
      status: envelope.status,
      eps_prod: envelope.eps_prod,
      reason: envelope.status === 'unmeasured' ? envelope.reason : null,
      n: envelope.n,
      method: envelope.method,
      coverage: envelope.coverage,
      confidence: envelope.confidence,
      mean: envelope.mean,
      sd: envelope.sd,
      samples,
    });
    return { reused: false, eps_prod: { ...withoutSamples(record), samples: record.samples } };
  });
}
