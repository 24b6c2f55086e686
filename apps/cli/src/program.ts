import { Command, Option } from 'commander';
import { readCliVersion } from './cli-version.js';
import type { CommandContext } from './command-context.js';
import { registerCanonicalCommands } from './commands/canonical/register-canonical-commands.js';
import { registerDbCommands } from './commands/db/register-db-commands.js';
import { registerDemoCommands } from './commands/demo/register-demo-commands.js';
import { registerEnvelopeCommands } from './commands/envelope/register-envelope-commands.js';
import { registerJobsCommands } from './commands/jobs/register-jobs-commands.js';
import { registerMetricsCommands } from './commands/metrics/register-metrics-commands.js';
import { registerNpzCommands } from './commands/npz/register-npz-commands.js';
import { registerReportCommand } from './commands/report/report-command.js';
import { registerSfCommands } from './commands/sf/register-sf-commands.js';
import { registerSubmitCommands } from './commands/submit/register-submit-commands.js';
import { registerTransportCommands } from './commands/transport/register-transport-commands.js';
import { registerVerdictCommands } from './commands/verdict/register-verdict-commands.js';
import { registerVerdictsCommands } from './commands/verdicts/register-verdicts-commands.js';
import { LOG_FORMATS } from './output/log-format.js';

/**
 * The `repro` command tree. Each group registers itself from its own folder; every command is registered
 * eagerly (its flags and help) but its implementation is loaded only when it runs (see README: lazy
 * commands), so `repro --help` and `repro --version` load no heavy dependency.
 */
export function createProgram(ctx: CommandContext): Command {
  const program = new Command('repro')
    .description(
      'Repro — is my ML replay deterministic, does it still match the stored canonical result, and if not, why?',
    )
    .version(readCliVersion())
    .option('--verbose', 'print stack traces of unexpected errors')
    .option('--events', 'print package events on stderr, one line each (never printed unasked)')
    .addOption(new Option('--log-format <format>', 'how --events are printed: json (one pino line each) or logfmt').choices(LOG_FORMATS).default('json'))
    .option('--quiet', 'no progress lines on stderr (results and errors still print)')
    // usage errors are printed once, as `repro: …` (or the --json error document), by runCli
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s), outputError: () => undefined })
    .exitOverride();

  registerVerdictCommands(program, ctx);
  registerVerdictsCommands(program, ctx);
  registerEnvelopeCommands(program, ctx);
  registerCanonicalCommands(program, ctx);
  registerDbCommands(program, ctx);
  registerNpzCommands(program, ctx);
  registerTransportCommands(program, ctx);
  registerSfCommands(program, ctx);
  registerMetricsCommands(program, ctx);
  registerSubmitCommands(program, ctx);
  registerJobsCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerReportCommand(program, ctx);
  return program;
}
