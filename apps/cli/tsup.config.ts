import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

export default defineConfig(appPreset());
