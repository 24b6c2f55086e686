/** verdict-core's ENVELOPE_METHODS, held here so command definitions load no package (a test keeps them equal). */
export const ENVELOPE_METHOD_NAMES = ['pairwise-normal', 'nonparametric'] as const;
export type EnvelopeMethodName = (typeof ENVELOPE_METHOD_NAMES)[number];
