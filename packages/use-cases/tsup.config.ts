import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig, type Options } from 'tsup';

// Two entry points: `.` (the use cases) and `./options` (the option schemas alone). Splitting puts the
// code both share in one chunk per format, so `@repro/use-cases` and `@repro/use-cases/options` hand out
// the same classes (an InvalidIdentifierError thrown by one is `instanceof` the other's).
// Annotated: this package's tsup may resolve to another peer variant than the preset's, and the inferred
// type would then name the preset's copy (TS2742).
const options: Options = libraryPreset({ entry: { index: 'src/index.ts', options: 'src/options/index.ts' }, splitting: true }) as Options;

export default defineConfig(options);
