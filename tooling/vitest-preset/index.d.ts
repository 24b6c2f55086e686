import type { UserWorkspaceConfig } from 'vitest/config';
export declare function packageProject(name: string, test?: UserWorkspaceConfig['test']): UserWorkspaceConfig;
