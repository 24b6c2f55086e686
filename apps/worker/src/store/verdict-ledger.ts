import type { QueueDatabase } from '@repro/job-queue';
import { type Verdict, verdictSchema } from '@repro/verdict-core';

/** The part of the canonical store the ledger needs. */
export interface VerdictHistory {
  saveVerdict(verdict: Verdict, options: { readonly key: string }): Promise<{ readonly id: number; readonly created: boolean }>;
}

/**
 * Verdict writes keyed by job id, so a job retried after its worker died stores its verdict once:
 *
 * 1. `decide(jobId, verdict)`: the first attempt to decide a job fixes its verdict (insert-if-absent);
 *    a later attempt gets that same verdict back and stores nothing new.
 * 2. `saveOnce(jobId, history)`: save the fixed verdict to the history with the job id as its
 *    idempotency key (the store saves a key once, so an attempt that died between saving and noting it
 *    is harmless), then note it in the ledger.
 *
 * The ledger lives in the job database, in the queue schema (`repro_verdict_ledger`).
 */
export class VerdictLedger {
  readonly #table: string;

  constructor(private readonly db: QueueDatabase) {
    this.#table = `"${db.schema}".repro_verdict_ledger`;
  }

  async install(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.executeSql(`select pg_advisory_xact_lock(hashtext($1))`, [`${this.#table} install`]);
      await tx.executeSql(
        `create table if not exists ${this.#table} (
           job_id uuid primary key,
           verdict jsonb not null,
           history_id bigint,
           decided_at timestamptz not null default now(),
           saved_at timestamptz
         )`,
      );
    });
  }

  /** The verdict this job already decided, if an earlier attempt got that far. */
  async decided(jobId: string): Promise<Verdict | null> {
    const { rows } = await this.db.executeSql(`select verdict from ${this.#table} where job_id = $1`, [jobId]);
    return rows.length === 0 ? null : verdictSchema.parse(rows[0]!.verdict);
  }

  /** Fix the job's verdict; returns the one that stands (an earlier attempt's wins). */
  async decide(jobId: string, verdict: Verdict): Promise<Verdict> {
    await this.db.executeSql(`insert into ${this.#table} (job_id, verdict) values ($1, $2::text::jsonb) on conflict (job_id) do nothing`, [jobId, JSON.stringify(verdict)]);
    const stands = await this.decided(jobId);
    if (stands === null) throw new Error(`verdict ledger: job ${jobId} vanished after insert`);
    return stands;
  }

  /** Save the job's verdict to the history exactly once. Returns whether this call saved it. */
  async saveOnce(jobId: string, history: VerdictHistory): Promise<{ saved: boolean; history_id: number | null }> {
    return this.db.transaction(async (tx) => {
      await tx.executeSql(`select pg_advisory_xact_lock(hashtext($1))`, [`repro_verdict_ledger:${jobId}`]);
      const { rows } = await tx.executeSql(`select verdict, history_id, saved_at from ${this.#table} where job_id = $1`, [jobId]);
      if (rows.length === 0) throw new Error(`verdict ledger: no verdict decided for job ${jobId}`);
      const row = rows[0] as unknown as { verdict: unknown; history_id: string | null; saved_at: Date | null };
      if (row.saved_at !== null) return { saved: false, history_id: row.history_id === null ? null : Number(row.history_id) };
      const verdict = verdictSchema.parse(row.verdict);
      const { id, created } = await history.saveVerdict(verdict, { key: jobId });
      await tx.executeSql(`update ${this.#table} set history_id = $2, saved_at = now() where job_id = $1`, [jobId, id]);
      return { saved: created, history_id: id };
    });
  }
}
