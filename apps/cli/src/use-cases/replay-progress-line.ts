import type { ReplayProgress } from '@repro/use-cases';

/**
 * The note of a progress update: `started`, or the last replay's `<label> <metric>=<value>` (every digit:
 * values are compared at 1e-11) / `<label> <error kind>`.
 */
export function replayProgressNote(progress: ReplayProgress, metric: string): string {
  const last = progress.last;
  if (last === null) return 'started';
  if (!last.ok) return `${last.label} ${last.error?.split(':')[0] ?? 'failed'}`;
  return `${last.label} ${metric}=${last.value === null ? '—' : String(last.value)}`;
}
