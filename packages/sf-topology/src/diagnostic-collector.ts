import type { Diagnostic, DiagnosticCode } from './diagnostic.js';

/** Accumulates diagnostics in the order the checks find them. */
export class DiagnosticCollector {
  readonly list: Diagnostic[] = [];
  error(code: DiagnosticCode, path: string, message: string): void {
    this.list.push({ code, severity: 'error', path, message });
  }
  warning(code: DiagnosticCode, path: string, message: string): void {
    this.list.push({ code, severity: 'warning', path, message });
  }
}
