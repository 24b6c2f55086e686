import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig, type Options } from 'tsup';

// Two entry points: `.` (everything) and `./validate` (validate and lint without zod; see the README).
// Splitting puts the code both share in one chunk per format, so the two entries run the same module
// instances (one jsonata memo). `shims` gives the CJS build an `import.meta.url`, with which
// jsonata-expression.ts requires jsonata on first use.
// Annotated: this package's tsup resolves to another peer variant than the preset's (asl-validator
// brings yaml), so the inferred type would name the preset's copy.
const options: Options = libraryPreset({ entry: { index: 'src/index.ts', validate: 'src/validate/index.ts' }, splitting: true, shims: true }) as Options;

export default defineConfig(options);
