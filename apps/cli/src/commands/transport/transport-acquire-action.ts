import { resolve } from 'node:path';
import { FsStore } from '@repro/s43-transport';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { openTransport } from './open-transport.js';
import type { AcquireOptions } from './transport-acquire-command.js';
import { transportCliError } from './transport-cli-errors.js';

/** Load and verify every pod blob of a run; failures are listed (exit 1), never dropped. */
export async function runTransportAcquire(ctx: CommandContext, opts: AcquireOptions): Promise<void> {
  const { transport: t } = openTransport(ctx, opts, { run: opts.run });
  let result: Awaited<ReturnType<typeof t.acquire>>;
  try {
    result = await t.acquire(opts.run, { keepBlobs: opts.out !== undefined });
  } catch (error) {
    throw transportCliError(error);
  }
  if (opts.out !== undefined) {
    // each file appears complete or not at all (temp file + rename), as in a file:// store
    const out = new FsStore(resolve(ctx.io.cwd, opts.out));
    try {
      for (const member of result.cohort) await out.put(`${member.pod}.npz`, member.blob!);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw invalidInput(`--out ${opts.out}: cannot write the cohort there (${why})`, { error: { code: 'unwritable_out', message: why } });
    }
  }
  const cohort = result.cohort.map((c) => ({
    pod: c.pod,
    key: c.key,
    bytes: c.bytes,
    sha256: c.sha256,
    arrays: c.arrays.map((a) => ({ name: a.name, dtype: a.descr, shape: a.array.shape })),
    skipped: c.skipped,
  }));
  if (opts.json) printJson(ctx.io, { run_id: result.run_id, cohort, failures: result.failures });
  else {
    ctx.io.stdout(`run ${result.run_id}: ${cohort.length} pod(s) loaded, ${result.failures.length} failure(s)\n`);
    if (cohort.length > 0) ctx.io.stdout(renderTable(['pod', 'bytes', 'arrays', 'sha256'], cohort.map((c) => [c.pod, c.bytes, c.arrays.map((a) => a.name).join(','), c.sha256])));
    if (result.failures.length > 0) ctx.io.stdout(renderTable(['pod', 'key', 'reason'], result.failures.map((f) => [f.pod, f.key, f.reason])));
  }
  ctx.setExitCode(result.failures.length > 0 ? EXIT.FAILURE : EXIT.OK);
}
