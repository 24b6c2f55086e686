import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { openTransport, STORE_OPTION_HELP } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';

/** `repro transport gate --run R --expected N [--pods P1,P2,…] [--json]`: exit 0 complete, 13 incomplete. */
export function registerTransportGateCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('gate')
    .description('count the pod blobs listed for the run (not downloaded: acquire verifies them) against the expected number and the named pods, persist _gate.json; exit 13 when incomplete')
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--expected <n>', 'number of pods expected')
    .option('--pods <list>', 'comma-separated pod ids that must be present')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print {run_id, cohort_count, expected, complete, missing_pods}')
    .action(async (opts: { run: string; expected: string; pods?: string; store?: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.expected) || !Number.isSafeInteger(Number(opts.expected))) {
        const message = `--expected must be a non-negative integer, not ${JSON.stringify(opts.expected)}`;
        throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--expected', message } });
      }
      const pods = opts.pods === undefined ? undefined : opts.pods.split(',').map((p) => p.trim()).filter((p) => p !== '');
      const { transport: t } = openTransport(ctx, opts, { run: opts.run, pods: pods ?? [] });
      let outcome: Awaited<ReturnType<typeof t.gate>>;
      try {
        outcome = await t.gate(opts.run, Number(opts.expected), pods === undefined ? {} : { pods });
      } catch (error) {
        throw transportCliError(error);
      }
      const { run_id, cohort_count, expected, complete, missing_pods } = outcome;
      if (!outcome.persisted) ctx.io.stderr(`repro: warning: the gate result could not be written to ${outcome.gate_key}\n`);
      if (opts.json) printJson(ctx.io, { run_id, cohort_count, expected, complete, missing_pods });
      else
        ctx.io.stdout(
          renderKeyValues([
            ['run', run_id],
            ['cohort', `${cohort_count} / ${expected} expected`],
            ['complete', complete ? 'yes' : 'NO'],
            ['missing pods', missing_pods === null ? null : missing_pods.join(', ') || 'none'],
          ]),
        );
      ctx.setExitCode(complete ? EXIT.OK : EXIT.GATE_INCOMPLETE);
    });
}
