import { Command, Option } from 'commander';
import type { CommandContext } from './command-context.js';
import { LOG_FORMATS } from './output/event-log.js';

export const CLI_VERSION = '0.0.0';

type RegisterGroup = (program: Command, ctx: CommandContext) => void;

/**
 * The command groups in help order, each loaded on demand: `repro sf lint` loads the sf group only,
 * not the store, S3 or queue code of the others (start-up time of a one-shot command).
 */
const COMMAND_GROUPS: readonly (readonly [string, () => Promise<RegisterGroup>])[] = [
  ['verdict', async () => (await import('./commands/verdict/register-verdict-commands.js')).registerVerdictCommands],
  ['verdicts', async () => (await import('./commands/verdicts/register-verdicts-commands.js')).registerVerdictsCommands],
  ['envelope', async () => (await import('./commands/envelope/register-envelope-commands.js')).registerEnvelopeCommands],
  ['canonical', async () => (await import('./commands/canonical/register-canonical-commands.js')).registerCanonicalCommands],
  ['db', async () => (await import('./commands/db/register-db-commands.js')).registerDbCommands],
  ['npz', async () => (await import('./commands/npz/register-npz-commands.js')).registerNpzCommands],
  ['transport', async () => (await import('./commands/transport/register-transport-commands.js')).registerTransportCommands],
  ['sf', async () => (await import('./commands/sf/register-sf-commands.js')).registerSfCommands],
  ['metrics', async () => (await import('./commands/metrics/register-metrics-commands.js')).registerMetricsCommands],
  ['submit', async () => (await import('./commands/submit/register-submit-commands.js')).registerSubmitCommands],
  ['jobs', async () => (await import('./commands/jobs/register-jobs-commands.js')).registerJobsCommands],
  ['demo', async () => (await import('./commands/demo/register-demo-commands.js')).registerDemoCommands],
  ['report', async () => (await import('./commands/report/report-command.js')).registerReportCommand],
];

/** The command group argv names (its first operand, after the global options), if it names one. */
function requestedGroup(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--log-format') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMAND_GROUPS.some(([name]) => name === a) ? a : undefined;
  }
  return undefined;
}

/**
 * The `repro` command tree. Each group registers itself from its own folder; when argv names a group,
 * only that group is loaded (help and unknown commands load them all).
 */
export async function createProgram(ctx: CommandContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('repro')
    .description(
      'Repro — is my ML replay deterministic, does it still match the stored canonical result, and if not, why?',
    )
    .version(CLI_VERSION)
    .option('--verbose', 'print stack traces of unexpected errors')
    .addOption(new Option('--log-format <format>', 'how events are printed on stderr: json (one pino line each) or logfmt').choices(LOG_FORMATS).default('json'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .exitOverride();

  const group = requestedGroup(argv);
  const wanted = COMMAND_GROUPS.filter(([name]) => group === undefined || name === group);
  const registers = await Promise.all(wanted.map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
  return program;
}
