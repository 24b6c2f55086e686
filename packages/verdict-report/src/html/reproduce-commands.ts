import { escapeHtml } from './escape-html.js';

/** One command to show on the page, with the comment that says what it does. */
export interface ReproduceCommand {
  readonly comment: string;
  readonly argv: readonly string[];
}

/** Quotes an argument for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@,+%-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(command: ReproduceCommand): string {
  return command.argv.map(shellQuote).join(' ');
}

/** The "Reproduce it" section: the commands, copyable (a copy button appears when scripts run). */
export function renderReproduceSection(commands: readonly ReproduceCommand[]): string {
  const blocks = commands.map(
    (c) => `<p class="muted">${escapeHtml(c.comment)}</p><div class="command-block"><pre class="command"><code>${escapeHtml(commandLine(c))}</code></pre></div>`,
  );
  return `<section id="reproduce"><h2>Reproduce it</h2>${blocks.join('')}</section>`;
}
