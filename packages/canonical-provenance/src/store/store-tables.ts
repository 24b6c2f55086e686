import { quoteIdentifier } from '../sql/quote-identifier.js';

/** The store's tables in one schema, as quoted SQL names. */
export interface StoreTables {
  readonly schema: string;
  readonly runs: string;
  readonly promotions: string;
  readonly epsProd: string;
  readonly verdicts: string;
}

export function storeTables(schema: string): StoreTables {
  const s = quoteIdentifier(schema);
  return { schema, runs: `${s}.canonical_runs`, promotions: `${s}.canonical_promotions`, epsProd: `${s}.eps_prod`, verdicts: `${s}.verdicts` };
}
