// The localisation result of a verdict artefact is verdict-core's (one schema): re-exported under the names
// this package has always used.
export {
  type Localization,
  type LocalizedFactor as LocalizationFactor,
  localizationSchema,
  localizedFactorSchema as localizationFactorSchema,
} from '@repro/verdict-core';
