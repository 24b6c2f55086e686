import { packageProject } from '@repro/vitest-preset';

export default packageProject('use-cases');
