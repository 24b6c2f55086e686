import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addReplayFlags, type ReplayFlags } from '../../replay/replay-flags.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface RecordOptions extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  value?: string;
  fromRun?: boolean;
  runId: string;
  buildSha?: string;
  instanceType?: string;
  provenanceFile?: string;
  promote?: boolean;
  json?: boolean;
}

/**
 * `repro canonical record --cell C --metric M (--value V | --from-run -- CMD…) --run-id R [--build-sha S] [--instance-type T]
 * [--provenance-file prov.json] [--promote] [--json]`: records a canonical run with its P0 provenance
 * (prov.json: `{dimension: value}`), promoting it in the same transaction with --promote. Exit 2 on a
 * non-finite value or a malformed provenance file (naming the field), 4 when the run id is recorded
 * with other content. Warns when a P0 dimension the verdict requires is missing, naming what supplies it.
 */
export function registerCanonicalRecordCommand(canonical: Command, ctx: CommandContext): void {
  const command = addStoreOptions(
    canonical.command('record').description('record a canonical run with its P0 provenance; --promote makes it the canonical of its (cell, metric)'),
  )
    .requiredOption('--cell <cell>', 'the training cell, e.g. defi_top5/fold-3')
    .requiredOption('--metric <metric>', 'the metric name, e.g. f1_buy')
    .option('--value <number>', 'the run’s metric value (finite); or --from-run')
    .option('--from-run', 'run the command after -- once, un-capped (as production runs), and record its metric with its fingerprint as provenance')
    .requiredOption('--run-id <id>', 'the run’s id (any non-empty string; a recorded run never changes)')
    .option('--build-sha <sha>', 'P0 build_sha of the run (wins over the fingerprint with --from-run)')
    .option('--instance-type <type>', 'P0 instance_type of the run (wins over the fingerprint with --from-run)')
    .option('--provenance-file <file>', 'JSON {dimension: value} of P0 dimensions: build_sha, instance_type, os (strings), feature_versions, artifact_versions, lib_versions (objects, lists or strings); - reads stdin')
    .option('--promote', 'also make it the canonical (the previous one is demoted in the same transaction)')
    .option('--json', 'print {run_id, cell, metric, created, promotion, warnings} as one JSON document')
    .argument('[command...]', 'with --from-run: the training command, after --')
    .addHelpText(
      'after',
      `
The verdict compares P0 dimensions build_sha, instance_type, os, lib_versions; a canonical without one of
them makes every verdict against it INCONCLUSIVE_TOOLING (env_parity_unverified). record warns, naming
what supplies each missing one: --build-sha / --instance-type, --provenance-file, or with --from-run the
variables BUILD_SHA / INSTANCE_TYPE passed to the child with --pass-env.`,
    );
  addReplayFlags(command, { pinned: false, buildSha: false });
  command.action(async (argv: string[], opts: RecordOptions) => (await import('./canonical-record-action.js')).runCanonicalRecord(ctx, argv, opts));
}
