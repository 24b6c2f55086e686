/** Help of the `--store` flag of the transport commands (no imports: definition files load it for --help). */
export const STORE_OPTION_HELP = 'file://DIR or s3://BUCKET/PREFIX (default: $REPRO_STORE, else $REPRO_HOME/store, REPRO_HOME defaulting to ./.repro)';
