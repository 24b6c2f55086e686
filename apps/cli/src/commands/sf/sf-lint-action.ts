import { type Diagnostic, hasErrors, lint } from '@repro/sf-topology/validate';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { readDefinitionFile } from './read-definition-file.js';

interface LintedFile {
  file: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** validate() plus the isolation lint of each file; exit 1 when any file has an error. */
export async function runSfLint(ctx: CommandContext, files: string[], opts: { json?: boolean }): Promise<void> {
  const results: LintedFile[] = [];
  for (const file of files) {
    const definition = await readDefinitionFile(ctx, file);
    const diagnostics = lint(definition);
    results.push({ file, valid: !hasErrors(diagnostics), diagnostics });
  }
  if (opts.json) {
    const only = results[0]!;
    printJson(ctx.io, results.length === 1 ? { valid: only.valid, diagnostics: only.diagnostics } : results);
  } else {
    for (const r of results) {
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = r.diagnostics.length - errors;
      ctx.io.stdout(`${r.file}: ${r.valid ? 'valid' : 'INVALID'} (${errors} error(s), ${warnings} warning(s))\n`);
      if (r.diagnostics.length > 0) {
        ctx.io.stdout(renderTable(['severity', 'code', 'path', 'message'], r.diagnostics.map((d) => [d.severity, d.code, d.path, d.message])));
      }
    }
  }
  ctx.setExitCode(results.every((r) => r.valid) ? EXIT.OK : EXIT.FAILURE);
}
