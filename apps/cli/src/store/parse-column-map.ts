import { type ColumnMapping, MAPPING_KEYS } from '@repro/canonical-provenance';
import { invalidInput } from '../cli-error.js';

/**
 * `--table T --map run_id=id,value=f1_buy,cell=cell,build_sha=` → a column mapping. `key=` (empty) or
 * `key=null` says the table has no such column. Unknown keys, a missing `=`, or a key given twice → exit 2
 * naming the item; whether the columns exist is checked against the table by the store.
 */
export function parseColumnMap(table: string, text: string): ColumnMapping {
  const columns: Record<string, string | null> = {};
  for (const [index, raw] of text.split(',').entries()) {
    const item = raw.trim();
    const at = item.indexOf('=');
    const where = `--map: item ${index + 1} (${JSON.stringify(item)})`;
    if (at <= 0) throw invalidInput(`${where}: expected key=column`, { error: 'invalid_flag', flag: '--map', item: index + 1, value: item });
    const key = item.slice(0, at).trim();
    const column = item.slice(at + 1).trim();
    if (!(MAPPING_KEYS as readonly string[]).includes(key)) {
      throw invalidInput(`${where}: unknown key ${JSON.stringify(key)} (keys: ${MAPPING_KEYS.join(', ')})`, { error: 'invalid_flag', flag: '--map', item: index + 1, value: item });
    }
    if (key in columns) throw invalidInput(`${where}: ${key} is mapped twice`, { error: 'invalid_flag', flag: '--map', item: index + 1, value: item });
    columns[key] = column === '' || column === 'null' ? null : column;
  }
  return { table, columns } as ColumnMapping;
}

/** The mapping error field (`columns.value`) as the user wrote it (`--map value=…`), `table` as `--table`. */
export function mappingFieldName(field: string): string {
  if (field === 'table') return '--table';
  if (field.startsWith('columns.')) return `--map ${field.slice('columns.'.length)}`;
  return field;
}
