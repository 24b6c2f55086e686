import { DEFAULT_PARITY_DIMENSIONS } from '../../verdict-defaults.js';

/** The P0 dimensions every verdict requires by default. */
const REQUIRED_P0_DIMENSIONS = DEFAULT_PARITY_DIMENSIONS;

export interface MissingP0Warning {
  readonly dimension: (typeof REQUIRED_P0_DIMENSIONS)[number];
  /** The flag or environment variable that supplies it. */
  readonly supply: string;
  readonly message: string;
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/** What supplies a dimension: with --from-run the child's fingerprint (from the variables it is passed), else flags or the provenance file. */
function supplyOf(dimension: MissingP0Warning['dimension'], fromRun: boolean, passEnv: string | undefined): string {
  const passed = (name: string) => (passEnv ?? '').split(',').map((n) => n.trim()).includes(name);
  switch (dimension) {
    case 'build_sha':
      return fromRun && !passed('BUILD_SHA') ? 'set BUILD_SHA and pass it to the child with --pass-env BUILD_SHA, or give --build-sha' : '--build-sha (or build_sha in --provenance-file)';
    case 'instance_type':
      return fromRun && !passed('INSTANCE_TYPE')
        ? 'set INSTANCE_TYPE and pass it to the child with --pass-env INSTANCE_TYPE, or give --instance-type'
        : '--instance-type (or instance_type in --provenance-file)';
    case 'os':
      return fromRun ? 'the child helper captures os (is the command writing its result through it?), or os in --provenance-file' : 'os in --provenance-file';
    case 'lib_versions':
      return fromRun ? 'the child helper captures lib_versions of the libraries it imported, or lib_versions in --provenance-file' : 'lib_versions in --provenance-file';
  }
}

/**
 * The P0 dimensions a canonical's provenance lacks that the verdict requires: each makes every verdict
 * against this canonical INCONCLUSIVE_TOOLING (env_parity_unverified), so `canonical record` says so,
 * naming the flag or variable that supplies it.
 */
export function missingP0Warnings(provenance: Readonly<Record<string, unknown>>, options: { fromRun: boolean; passEnv?: string | undefined }): MissingP0Warning[] {
  return REQUIRED_P0_DIMENSIONS.filter((dimension) => isMissing(provenance[dimension])).map((dimension) => {
    const supply = supplyOf(dimension, options.fromRun, options.passEnv);
    return {
      dimension,
      supply,
      message: `P0 dimension ${dimension} is missing: verdicts against this canonical will be INCONCLUSIVE_TOOLING (env_parity_unverified); supply it with ${supply}`,
    };
  });
}
