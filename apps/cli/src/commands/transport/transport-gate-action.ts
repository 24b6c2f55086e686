import { gateRun } from '@repro/use-cases';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { useCaseCliError } from '../../use-cases/use-case-cli-error.js';
import { openTransport } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';

export interface TransportGateFlags {
  run: string;
  expected: string;
  pods?: string;
  allowUnexpected?: boolean;
  verify?: boolean;
  store?: string;
  json?: boolean;
}

const GATE_FLAGS: Readonly<Record<string, string>> = { run_id: '--run', expected: '--expected', pods: '--pods' };

/** `repro transport gate`: parse the flags, run the gate use case on the `--store` object store, render. */
export async function runTransportGate(ctx: CommandContext, opts: TransportGateFlags): Promise<void> {
  if (!/^\d+$/.test(opts.expected) || !Number.isSafeInteger(Number(opts.expected))) {
    const message = `--expected must be a non-negative integer, not ${JSON.stringify(opts.expected)}`;
    throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--expected', message } });
  }
  const expected = Number(opts.expected);
  const pods = opts.pods === undefined ? undefined : opts.pods.split(',').map((p) => p.trim()).filter((p) => p !== '');
  // ids are checked (exit 2) before the store is opened: a bad one creates nothing
  const { opened } = openTransport(ctx, opts, { run: opts.run, pods: pods ?? [] });
  let gate: Awaited<ReturnType<typeof gateRun>>['gate'];
  try {
    ({ gate } = await gateRun(
      { run_id: opts.run, expected, ...(pods === undefined ? {} : { pods }), allow_unexpected: opts.allowUnexpected ?? false, verify: opts.verify ?? false },
      { objectStore: opened.store, prefix: opened.prefix, signal: ctx.io.interrupts(), emit: (event) => ctx.emitEvent(event) },
    ));
  } catch (error) {
    throw transportCliError(useCaseCliError(error, GATE_FLAGS));
  }
  const { run_id, cohort_count, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods } = gate;
  if (!gate.persisted) ctx.warn(`the gate result could not be written to ${gate.gate_key}`);
  if (opts.json) printJson(ctx.io, { run_id, cohort_count, expected: gate.expected, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods });
  else
    ctx.io.stdout(
      renderKeyValues([
        ['run', run_id],
        ['cohort', `${cohort_count} / ${gate.expected} expected`],
        ['complete', complete ? 'yes' : 'NO'],
        ['missing pods', missing_pods === null ? null : missing_pods.join(', ') || 'none'],
        ['unexpected pods', unexpected_pods === null ? null : `${unexpected_pods.join(', ') || 'none'}${allow_unexpected && unexpected_pods.length > 0 ? ' (allowed)' : ''}`],
        ['verified', verified ? (corrupt_pods?.length ? `NO: ${corrupt_pods.map((c) => `${c.pod} (${c.reason})`).join('; ')}` : 'yes, every blob') : 'no (pass --verify)'],
      ]),
    );
  ctx.setExitCode(complete ? EXIT.OK : EXIT.GATE_INCOMPLETE);
}
