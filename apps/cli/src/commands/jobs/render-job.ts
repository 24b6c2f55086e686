import type { JobSummary, JobView } from '@repro/job-queue';
import { type Cell, formatNumber, renderKeyValues, renderTable } from '../../output/render-table.js';

type Pair = readonly [string, Cell];

function resultPairs(job: JobView): Pair[] {
  const result = job.result as Record<string, unknown> | undefined;
  if (result === undefined) return [];
  if (job.queue === 'verdict') {
    const verdict = (result.verdict ?? {}) as Record<string, unknown>;
    const artefact = (result.artefact ?? {}) as Record<string, unknown>;
    return [
      ['verdict', verdict.verdict as Cell],
      ['cause', verdict.cause as Cell],
      ['reason', verdict.reason as Cell],
      ['cell', verdict.cell as Cell],
      ['metric', verdict.metric as Cell],
      ['det_delta', verdict.det_delta as Cell],
      ['canon_delta', verdict.canon_delta as Cell],
      ['artefact', artefact.uri as Cell],
    ];
  }
  if (job.queue === 'gate') {
    const missing = result.missing_pods as string[] | null;
    return [
      ['run', result.run_id as Cell],
      ['cohort', `${result.cohort_count} / ${result.expected} expected`],
      ['complete', result.complete === true ? 'yes' : 'NO'],
      ['missing pods', missing === null ? null : missing.join(', ') || 'none'],
    ];
  }
  if (job.queue === 'envelope') {
    const eps = (result.eps_prod ?? {}) as Record<string, unknown>;
    return [
      ['eps_prod', typeof eps.eps_prod === 'number' ? formatNumber(eps.eps_prod) : (eps.reason as Cell)],
      ['status', eps.status as Cell],
      ['image sha', eps.image_sha as Cell],
      ['n', eps.n as Cell],
      ['reused', result.reused === true ? 'yes (stored value, no runs)' : 'no (measured by this job)'],
    ];
  }
  return [['result', JSON.stringify(result)]];
}

/** `repro jobs show` for people. */
export function renderJob(job: JobView): string {
  const pairs: Pair[] = [
    ['id', job.id],
    ['queue', job.queue],
    ['state', job.state],
    ...resultPairs(job),
  ];
  if (job.error) pairs.push(['error', job.error.kind ? `${job.error.kind}: ${job.error.message}` : job.error.message]);
  return renderKeyValues(pairs);
}

function subject(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (typeof p.run_id === 'string') return `run ${p.run_id}`;
  return [p.cell, p.metric, p.profile].filter((v) => typeof v === 'string').join(' · ');
}

/** `repro jobs list` for people. */
export function renderJobList(jobs: readonly JobSummary[]): string {
  if (jobs.length === 0) return 'no jobs\n';
  return renderTable(
    ['id', 'queue', 'state', 'created', 'retries', 'subject'],
    jobs.map((j) => [j.id, j.queue, j.state, j.created_on, j.retry_count, subject(j.payload)]),
  );
}
