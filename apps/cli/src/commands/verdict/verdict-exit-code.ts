import type { VerdictName } from '@repro/verdict-core';
import { EXIT, type ExitCode } from '../../exit-codes.js';

/** The exit code of a single verdict: 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE, 12 INCONCLUSIVE_TOOLING. */
export function verdictExitCode(verdict: VerdictName): ExitCode {
  switch (verdict) {
    case 'FIDELITY_OK':
      return EXIT.OK;
    case 'NON_DETERMINISTIC':
      return EXIT.NON_DETERMINISTIC;
    case 'CANONICAL_DIVERGENCE':
      return EXIT.CANONICAL_DIVERGENCE;
    case 'INCONCLUSIVE_TOOLING':
      return EXIT.INCONCLUSIVE_TOOLING;
  }
}
