import type { CanonicalStore, EpsProdRecord } from '@repro/canonical-provenance';
import type { EnvelopeJobPayload } from '@repro/job-queue';
import { type EnvelopeOptionsInput, measureEnvelopeForImage } from '@repro/use-cases';
import type { MaskedDependenceWarning } from '@repro/verdict-core';
import type { ReplayProfile } from '../config/worker-config-schema.js';
import type { JobContext } from './job-context.js';
import { lookupProfile } from './lookup-profile.js';
import { jobTimeoutSeconds, profileReplayCommand } from './profile-replay.js';
import { useCaseJobError } from './use-case-job-error.js';

export interface EnvelopeJobDeps {
  profiles: Readonly<Record<string, ReplayProfile>>;
  parentEnv: Readonly<Record<string, string | undefined>>;
  store: Pick<CanonicalStore, 'getEpsProd' | 'putEpsProd'>;
  /** Serialises jobs of one (image_sha, cell, metric) key across workers; runs `work` holding the key. */
  withKeyLock: <T>(key: string, signal: AbortSignal, work: () => Promise<T>) => Promise<T>;
}

type StoredEnvelope = Omit<EpsProdRecord, 'samples'>;

export interface EnvelopeJobResult {
  /** true: the stored eps_prod for this key was reused (no runs); false: measured by this job. */
  reused: boolean;
  eps_prod: StoredEnvelope & { samples?: readonly number[] };
  /** A record stored as unmeasured that this job refused to reuse (it measured again), else null. */
  refused_unmeasured: { reason: string | null; n: number } | null;
  /** Masked dependence: eps_prod large against the metric (`eps_prod_large`), suggesting `repro verdict localize`. */
  warnings: MaskedDependenceWarning[];
}

/**
 * `envelope {cell, metric, profile, image_sha, …envelope options}`: the envelope-for-an-image use case
 * (@repro/use-cases) on the profile's command, un-capped. The job's options are the CLI's
 * (`envelopeOptionsSchema`: n, force, coverage, confidence, method, timeout_s — a job may only shorten
 * the profile's timeout). Idempotent per key: a stored measured envelope is reused unless `force` (one stored as unmeasured is measured again); jobs for one key
 * never run at once (the advisory key lock). A run that crashes, times out or was not pinned fails the
 * job (retried); a run whose metric is NaN is a sample, and the envelope is stored as unmeasured.
 */
export async function runEnvelopeJob(payload: EnvelopeJobPayload, ctx: JobContext, deps: EnvelopeJobDeps): Promise<EnvelopeJobResult> {
  const { profile: profileName, ...requested } = payload as EnvelopeJobPayload & Partial<EnvelopeOptionsInput>;
  const profile = lookupProfile(deps.profiles, profileName);
  const options: EnvelopeOptionsInput = { ...requested, timeout_s: jobTimeoutSeconds(requested.timeout_s, profile) };
  try {
    const result = await measureEnvelopeForImage(options, profileReplayCommand(profile, { metric: payload.metric, purpose: 'envelope', parentEnv: deps.parentEnv }), {
      store: deps.store,
      keyLock: (key, work) => deps.withKeyLock(key, ctx.signal, work),
      signal: ctx.signal,
      emit: (event) => ctx.emit(event),
      onProgress: ({ done, total, failed, last }) => {
        if (last !== null) ctx.log.info({ event: 'envelope_progress', done, total, failed });
      },
    });
    const { samples, ...stored } = result.eps_prod;
    const notes = { refused_unmeasured: result.refused_unmeasured, warnings: [...result.warnings] };
    return result.reused ? { reused: true, eps_prod: stored, ...notes } : { reused: false, eps_prod: { ...stored, samples }, ...notes };
  } catch (error) {
    throw useCaseJobError(error);
  }
}
