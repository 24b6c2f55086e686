import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { openTransport, STORE_OPTION_HELP } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';

/**
 * `repro transport gate --run R --expected N [--pods P1,P2,…] [--allow-unexpected] [--verify] [--json]`: exit 0
 * when the cohort is exactly the expected one (and, with --verify, every blob holds), 13 otherwise.
 */
export function registerTransportGateCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('gate')
    .description(
      'check the pod blobs listed for the run against the expected cohort: complete means exactly the expected number (and exactly the named pods); unexpected pods are reported and make it incomplete unless --allow-unexpected; --verify downloads each blob and checks its stored checksum against its content; persists _gate.json; exit 13 when incomplete',
    )
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--expected <n>', 'number of pods expected')
    .option('--pods <list>', 'comma-separated pod ids: the expected set (every one present, no other)')
    .option('--allow-unexpected', 'tolerate pods beyond the expected ones (still reported)')
    .option('--verify', "download every blob and check its stored checksum against its content (and decode it)")
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print {run_id, cohort_count, expected, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods}')
    .action(async (opts: { run: string; expected: string; pods?: string; allowUnexpected?: boolean; verify?: boolean; store?: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.expected) || !Number.isSafeInteger(Number(opts.expected))) {
        const message = `--expected must be a non-negative integer, not ${JSON.stringify(opts.expected)}`;
        throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--expected', message } });
      }
      const pods = opts.pods === undefined ? undefined : opts.pods.split(',').map((p) => p.trim()).filter((p) => p !== '');
      const { transport: t } = openTransport(ctx, opts, { run: opts.run, pods: pods ?? [] });
      let outcome: Awaited<ReturnType<typeof t.gate>>;
      try {
        outcome = await t.gate(opts.run, Number(opts.expected), { ...(pods === undefined ? {} : { pods }), allowUnexpected: opts.allowUnexpected ?? false, verify: opts.verify ?? false });
      } catch (error) {
        throw transportCliError(error);
      }
      const { run_id, cohort_count, expected, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods } = outcome;
      if (!outcome.persisted) ctx.io.stderr(`repro: warning: the gate result could not be written to ${outcome.gate_key}\n`);
      if (opts.json) printJson(ctx.io, { run_id, cohort_count, expected, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods });
      else
        ctx.io.stdout(
          renderKeyValues([
            ['run', run_id],
            ['cohort', `${cohort_count} / ${expected} expected`],
            ['complete', complete ? 'yes' : 'NO'],
            ['missing pods', missing_pods === null ? null : missing_pods.join(', ') || 'none'],
            ['unexpected pods', unexpected_pods === null ? null : `${unexpected_pods.join(', ') || 'none'}${allow_unexpected && unexpected_pods.length > 0 ? ' (allowed)' : ''}`],
            ['verified', verified ? (corrupt_pods?.length ? `NO: ${corrupt_pods.map((c) => `${c.pod} (${c.reason})`).join('; ')}` : 'yes, every blob') : 'no (pass --verify)'],
          ]),
        );
      ctx.setExitCode(complete ? EXIT.OK : EXIT.GATE_INCOMPLETE);
    });
}
