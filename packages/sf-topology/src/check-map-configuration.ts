import { BEFORE_RESULT, checkJsonataValue, checkPayloadTemplate } from './check-expressions.js';
import { checkKnownFields } from './check-known-fields.js';
import type { DiagnosticCollector } from './diagnostic-collector.js';
import {
  ITEM_BATCHER_FIELDS,
  ITEM_PROCESSOR_FIELDS,
  ITEM_READER_FIELDS,
  PROCESSOR_CONFIG_FIELDS,
  READER_CONFIG_FIELDS,
  RESULT_WRITER_FIELDS,
  WRITER_CONFIG_FIELDS,
} from './field-catalog.js';
import {
  checkEnumField,
  checkExclusive,
  checkNumberField,
  checkObjectField,
  checkReferencePathField,
  checkStringField,
  isResourceUri,
} from './field-value-checks.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { isJsonataString } from './jsonata-expression.js';
import type { QueryLanguage } from './state-types.js';

/**
 * A Map state's configuration objects: ItemProcessor / ProcessorConfig, and the Distributed-Map-only
 * ItemReader (+ ReaderConfig), ItemBatcher, ResultWriter (+ WriterConfig), ToleratedFailure*, Label.
 * Pure.
 */

const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
];

function checkResource(out: DiagnosticCollector, obj: JsonRecord, pointer: string, what: string, required: boolean): void {
  if (!Object.hasOwn(obj, 'Resource')) {
    if (required) out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, 'Resource'), `${what} needs a Resource`);
    return;
  }
  if (!isResourceUri(obj.Resource)) out.error('INVALID_RESOURCE', pointerJoin(pointer, 'Resource'), `${what}: Resource must be a URI (e.g. arn:aws:states:::s3:getObject), not ${JSON.stringify(obj.Resource)}`);
}

/** Parameters (JSONPath) or Arguments (JSONata) of a reader / writer. */
function checkInputs(out: DiagnosticCollector, obj: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  if (ql === 'JSONPath' && Object.hasOwn(obj, 'Parameters')) checkPayloadTemplate(out, obj.Parameters, pointerJoin(pointer, 'Parameters'), `${what}.Parameters`);
  if (ql === 'JSONata' && Object.hasOwn(obj, 'Arguments')) checkJsonataValue(out, obj.Arguments, pointerJoin(pointer, 'Arguments'), `${what}.Arguments`, BEFORE_RESULT);
}

function checkItemReader(out: DiagnosticCollector, map: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  const reader = checkObjectField(out, map, 'ItemReader', pointer, what);
  if (!reader) return;
  const at = pointerJoin(pointer, 'ItemReader');
  const w = `${what} ItemReader`;
  checkKnownFields(out, reader, at, ITEM_READER_FIELDS, w, 'an ItemReader', ql);
  checkResource(out, reader, at, w, true);
  checkInputs(out, reader, at, w, ql);
  const config = checkObjectField(out, reader, 'ReaderConfig', at, w);
  if (!config) return;
  const c = pointerJoin(at, 'ReaderConfig');
  const cw = `${w} ReaderConfig`;
  checkKnownFields(out, config, c, READER_CONFIG_FIELDS, cw, 'a ReaderConfig', ql);
  checkEnumField(out, config, 'InputType', c, cw, ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET']);
  checkEnumField(out, config, 'CSVHeaderLocation', c, cw, ['FIRST_ROW', 'GIVEN']);
  checkEnumField(out, config, 'CSVDelimiter', c, cw, ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB']);
  checkEnumField(out, config, 'ManifestType', c, cw, ['ATHENA_DATA', 'CSV', 'S3_INVENTORY']);
  if (Object.hasOwn(config, 'CSVHeaders') && !(Array.isArray(config.CSVHeaders) && config.CSVHeaders.every((h) => typeof h === 'string'))) {
    out.error('INVALID_FIELD_VALUE', pointerJoin(c, 'CSVHeaders'), `${cw}: CSVHeaders must be an array of strings`);
  }
  if (config.CSVHeaderLocation === 'GIVEN' && !Object.hasOwn(config, 'CSVHeaders')) {
    out.error('MISSING_REQUIRED_FIELD', pointerJoin(c, 'CSVHeaders'), `${cw}: CSVHeaderLocation GIVEN needs CSVHeaders`);
  }
  checkNumberField(out, config, 'MaxItems', c, cw, { integer: true, min: 1, max: 100_000_000, jsonata: ql === 'JSONata' });
  checkReferencePathField(out, config, 'MaxItemsPath', c, cw);
  checkExclusive(out, config, ['MaxItems', 'MaxItemsPath'], c, cw);
  if (ql === 'JSONata') checkJsonataValue(out, config.MaxItems, pointerJoin(c, 'MaxItems'), `${cw}.MaxItems`, BEFORE_RESULT);
}

function checkItemBatcher(out: DiagnosticCollector, map: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  const batcher = checkObjectField(out, map, 'ItemBatcher', pointer, what);
  if (!batcher) return;
  const at = pointerJoin(pointer, 'ItemBatcher');
  const w = `${what} ItemBatcher`;
  checkKnownFields(out, batcher, at, ITEM_BATCHER_FIELDS, w, 'an ItemBatcher', ql);
  const jsonata = ql === 'JSONata';
  checkNumberField(out, batcher, 'MaxItemsPerBatch', at, w, { integer: true, min: 1, jsonata });
  checkNumberField(out, batcher, 'MaxInputBytesPerBatch', at, w, { integer: true, min: 1, max: 262_144, jsonata });
  checkReferencePathField(out, batcher, 'MaxItemsPerBatchPath', at, w);
  checkReferencePathField(out, batcher, 'MaxInputBytesPerBatchPath', at, w);
  checkExclusive(out, batcher, ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], at, w);
  checkExclusive(out, batcher, ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], at, w);
  if (jsonata) {
    for (const f of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput']) checkJsonataValue(out, batcher[f], pointerJoin(at, f), `${w}.${f}`, BEFORE_RESULT);
  } else if (Object.hasOwn(batcher, 'BatchInput')) {
    checkPayloadTemplate(out, batcher.BatchInput, pointerJoin(at, 'BatchInput'), `${w}.BatchInput`);
  }
}

function checkResultWriter(out: DiagnosticCollector, map: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  const writer = checkObjectField(out, map, 'ResultWriter', pointer, what);
  if (!writer) return;
  const at = pointerJoin(pointer, 'ResultWriter');
  const w = `${what} ResultWriter`;
  checkKnownFields(out, writer, at, RESULT_WRITER_FIELDS, w, 'a ResultWriter', ql);
  if (!Object.hasOwn(writer, 'Resource') && !Object.hasOwn(writer, 'WriterConfig')) {
    out.error('REQUIRED_ONE_OF', at, `${w} needs a Resource (export to S3) or a WriterConfig, or both`);
  }
  checkResource(out, writer, at, w, false);
  checkInputs(out, writer, at, w, ql);
  const config = checkObjectField(out, writer, 'WriterConfig', at, w);
  if (!config) return;
  const c = pointerJoin(at, 'WriterConfig');
  checkKnownFields(out, config, c, WRITER_CONFIG_FIELDS, `${w} WriterConfig`, 'a WriterConfig', ql);
  checkEnumField(out, config, 'OutputType', c, `${w} WriterConfig`, ['JSON', 'JSONL']);
  checkEnumField(out, config, 'Transformation', c, `${w} WriterConfig`, ['NONE', 'COMPACT', 'FLATTEN']);
}

/** Mode of a Map: DISTRIBUTED when its ItemProcessor says so, else INLINE. */
function mapMode(map: JsonRecord): string {
  return asJsonRecord(asJsonRecord(map.ItemProcessor)?.ProcessorConfig)?.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
}

function checkItemProcessor(out: DiagnosticCollector, map: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  for (const field of ['ItemProcessor', 'Iterator'] as const) {
    const processor = checkObjectField(out, map, field, pointer, what);
    if (!processor) continue;
    const at = pointerJoin(pointer, field);
    const table = field === 'ItemProcessor' ? ITEM_PROCESSOR_FIELDS : { StartAt: 'both' as const, States: 'both' as const, Comment: 'both' as const };
    checkKnownFields(out, processor, at, table, `${what} ${field}`, `an ${field}`, ql);
    const config = field === 'ItemProcessor' ? checkObjectField(out, processor, 'ProcessorConfig', at, `${what} ItemProcessor`) : undefined;
    if (!config) continue;
    const c = pointerJoin(at, 'ProcessorConfig');
    const cw = `${what} ProcessorConfig`;
    checkKnownFields(out, config, c, PROCESSOR_CONFIG_FIELDS, cw, 'a ProcessorConfig', ql);
    checkEnumField(out, config, 'Mode', c, cw, ['INLINE', 'DISTRIBUTED']);
    checkEnumField(out, config, 'ExecutionType', c, cw, ['STANDARD', 'EXPRESS']);
    if (config.Mode === 'DISTRIBUTED' && !Object.hasOwn(config, 'ExecutionType')) {
      out.error('MISSING_REQUIRED_FIELD', pointerJoin(c, 'ExecutionType'), `${cw}: a DISTRIBUTED Map needs an ExecutionType (STANDARD or EXPRESS)`);
    }
  }
  checkExclusive(out, map, ['ItemProcessor', 'Iterator'], pointer, what);
}

/** Every Map-specific field of a Map state. */
export function checkMapConfiguration(out: DiagnosticCollector, map: JsonRecord, pointer: string, name: string, ql: QueryLanguage): void {
  const what = `Map ${name}`;
  checkItemProcessor(out, map, pointer, what, ql);
  if (mapMode(map) !== 'DISTRIBUTED') {
    for (const field of DISTRIBUTED_ONLY) {
      if (Object.hasOwn(map, field)) out.error('FIELD_NOT_ALLOWED', pointerJoin(pointer, field), `${what}: ${field} is for a Distributed Map only (ItemProcessor.ProcessorConfig.Mode DISTRIBUTED)`);
    }
  }
  checkItemReader(out, map, pointer, what, ql);
  checkItemBatcher(out, map, pointer, what, ql);
  checkResultWriter(out, map, pointer, what, ql);
  const jsonata = ql === 'JSONata';
  checkNumberField(out, map, 'MaxConcurrency', pointer, what, { integer: true, min: 0, jsonata });
  checkNumberField(out, map, 'ToleratedFailureCount', pointer, what, { integer: true, min: 0, jsonata });
  checkNumberField(out, map, 'ToleratedFailurePercentage', pointer, what, { min: 0, max: 100, jsonata });
  for (const f of ['MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'ItemsPath']) checkReferencePathField(out, map, f, pointer, what);
  checkExclusive(out, map, ['MaxConcurrency', 'MaxConcurrencyPath'], pointer, what);
  checkExclusive(out, map, ['ToleratedFailureCount', 'ToleratedFailureCountPath'], pointer, what);
  checkExclusive(out, map, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], pointer, what);
  checkExclusive(out, map, ['Parameters', 'ItemSelector'], pointer, what);
  checkStringField(out, map, 'Label', pointer, what);
  if (typeof map.Label === 'string' && (map.Label.length === 0 || map.Label.length > 40)) {
    out.error('VALUE_OUT_OF_RANGE', pointerJoin(pointer, 'Label'), `${what}: Label must be 1 to 40 characters`);
  }
  if (jsonata) {
    if (Object.hasOwn(map, 'Items') && !Array.isArray(map.Items) && !isJsonataString(map.Items)) {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, 'Items'), `${what}: Items must be an array or a JSONata expression`);
    }
    for (const f of ['Items', 'ItemSelector', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage']) {
      if (Object.hasOwn(map, f)) checkJsonataValue(out, map[f], pointerJoin(pointer, f), `${what}.${f}`, BEFORE_RESULT);
    }
  }
}
