import { packageProject } from '@repro/vitest-preset';

export default packageProject('replay-runner');
