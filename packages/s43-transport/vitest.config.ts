import { packageProject } from '@repro/vitest-preset';

export default packageProject('s43-transport');
