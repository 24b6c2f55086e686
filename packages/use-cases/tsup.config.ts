import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig, type Options } from 'tsup';

// Annotated: this package's tsup may resolve to another peer variant than the preset's, and the inferred
// type would then name the preset's copy (TS2742).
const options: Options = libraryPreset() as Options;

export default defineConfig(options);
