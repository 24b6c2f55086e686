import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

export default defineConfig(libraryPreset());
