import { packageProject } from '@repro/vitest-preset';

export default packageProject('verdict-report');
