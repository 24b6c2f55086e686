import type { ProvenanceInput } from '@repro/canonical-provenance';
import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber } from '../../input/parse-number-list.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { runForCanonical } from '../../replay/canonical-from-run.js';
import { addReplayFlags, type ReplayFlags, replaySpecFromFlags } from '../../replay/replay-flags.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { canonicalFlagName } from './canonical-flag-names.js';

interface RecordOptions extends StoreFlags, ReplayFlags {
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

/** prov.json `{dimension: value}` merged with --build-sha / --instance-type (the two must agree when both given). */
async function readProvenance(ctx: CommandContext, opts: RecordOptions): Promise<Record<string, unknown>> {
  let provenance: Record<string, unknown> = {};
  if (opts.provenanceFile !== undefined) {
    const document = await readJsonInput(ctx, opts.provenanceFile);
    const file = inputName(opts.provenanceFile);
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw invalidInput(`${file}: expected an object {dimension: value}`, { error: 'invalid_provenance', file, field: '(root)' });
    }
    provenance = { ...(document as Record<string, unknown>) };
  }
  for (const [dim, flag, value] of [
    ['build_sha', '--build-sha', opts.buildSha],
    ['instance_type', '--instance-type', opts.instanceType],
  ] as const) {
    if (value === undefined) continue;
    if (provenance[dim] !== undefined && provenance[dim] !== value) {
      throw invalidInput(`${flag} ${JSON.stringify(value)} disagrees with ${dim} ${JSON.stringify(provenance[dim])} in ${inputName(opts.provenanceFile!)}`, { error: 'invalid_flag', flag });
    }
    provenance[dim] = value;
  }
  return provenance;
}

/**
 * `repro canonical record --cell C --metric M (--value V | --from-run -- CMD…) --run-id R [--build-sha S] [--instance-type T]
 * [--provenance-file prov.json] [--promote] [--json]`: records a canonical run with its P0 provenance
 * (prov.json: `{dimension: value}`), promoting it in the same transaction with --promote. Exit 2 on a
 * non-finite value or a malformed provenance file (naming the field), 4 when the run id is recorded
 * with other content.
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
    .option('--json', 'print {run_id, cell, metric, created, promotion} as one JSON document')
    .argument('[command...]', 'with --from-run: the training command, after --');
  addReplayFlags(command, { pinned: false, buildSha: false });
  command.action(async (argv: string[], opts: RecordOptions) => {
    if (opts.fromRun && opts.value !== undefined) throw invalidInput('--value and --from-run exclude each other', { error: 'invalid_flag', flag: '--value' });
    if (!opts.fromRun && opts.value === undefined) throw invalidInput('give the run’s --value, or --from-run -- CMD… to run it', { error: 'invalid_flag', flag: '--value' });
    if (!opts.fromRun && argv.length > 0) throw invalidInput(`a command (${argv.join(' ')}) is only run with --from-run`, { error: 'invalid_flag', flag: '--from-run' });
    const spec = opts.fromRun ? await replaySpecFromFlags(ctx, argv, opts, { pin: 'uncapped', metric: opts.metric }) : undefined;
    const given = await readProvenance(ctx, opts);
    const fileName = opts.provenanceFile === undefined ? undefined : inputName(opts.provenanceFile);
    const fieldName = (field: string) => {
      if (!field.startsWith('provenance.')) return canonicalFlagName(field);
      const dim = field.slice('provenance.'.length);
      if (dim === 'build_sha' && opts.buildSha !== undefined) return '--build-sha';
      if (dim === 'instance_type' && opts.instanceType !== undefined) return '--instance-type';
      return fileName === undefined ? `fingerprint: ${dim}` : `${fileName}: ${dim}`;
    };
    await withStoreFromCli(
      ctx,
      opts,
      async (store) => {
        const run = spec === undefined ? undefined : await runForCanonical(spec, opts.metric, ctx.io.interrupts());
        const value = run === undefined ? parseFiniteNumber('--value', opts.value!) : run.value;
        // The flags and the provenance file win over what the child captured.
        const provenance = { ...(run?.provenance ?? {}), ...given };
        const result = await store.recordCanonical(
          {
            run_id: opts.runId,
            cell: opts.cell,
            metric: opts.metric,
            value,
            provenance: provenance as ProvenanceInput,
            ...(run === undefined ? {} : { extra: { fingerprint: JSON.parse(JSON.stringify(run.fingerprint)) } }),
          },
          { promote: opts.promote === true },
        );
        if (opts.json) {
          printJson(ctx.io, result);
          return;
        }
        const lines = [result.created ? `recorded run ${result.run_id} (cell ${result.cell}, metric ${result.metric})` : `run ${result.run_id} was already recorded, identical`];
        if (run !== undefined) lines.push(`from one un-capped run: ${opts.metric} = ${value}; provenance: ${Object.keys(provenance).join(', ') || 'none'}`);
        const promotion = result.promotion;
        if (promotion !== null) {
          lines.push(
            promotion.changed
              ? `promoted: ${promotion.run_id} is the canonical${promotion.demoted_run_id === null ? '' : ` (demoted ${promotion.demoted_run_id})`}`
              : `${promotion.run_id} already was the canonical`,
          );
        }
        ctx.io.stdout(`${lines.join('\n')}\n`);
      },
      { fieldName },
    );
  });
}
