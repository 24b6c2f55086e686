const FLAGS: Readonly<Record<string, string>> = { run_id: '--run-id', cell: '--cell', metric: '--metric', value: '--value' };

/** A store input field as the flag that carries it (`run_id` → `--run-id`); others unchanged. */
export function canonicalFlagName(field: string): string {
  return FLAGS[field] ?? field;
}
