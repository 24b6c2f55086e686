import type { Options } from 'tsup';
export declare function libraryPreset(overrides?: Options): Options;
export declare function appPreset(overrides?: Options): Options;
