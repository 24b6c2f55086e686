import { packageProject } from '@repro/vitest-preset';

// Publishing every package to a throwaway registry takes a while on a 2-core machine.
export default packageProject('release', { testTimeout: 600_000, hookTimeout: 120_000 });
