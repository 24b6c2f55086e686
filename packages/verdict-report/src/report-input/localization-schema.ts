// The localisation result of a verdict artefact is verdict-core's (one schema), re-exported.
export { type Localization, localizationSchema } from '@repro/verdict-core';
