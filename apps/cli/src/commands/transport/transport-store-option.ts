/** The help of `--store` on every transport command (a constant: command definitions load no package). */
export const STORE_OPTION_HELP = 'file://DIR or s3://BUCKET/PREFIX (default: $REPRO_STORE, else $REPRO_HOME/store, REPRO_HOME defaulting to ./.repro)';
