import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig, type Options } from 'tsup';

// Annotated: this package's tsup resolves to another peer variant than the preset's (asl-validator
// brings yaml), so the inferred type would name the preset's copy.
const options: Options = libraryPreset() as Options;

export default defineConfig(options);
