import { BEFORE_RESULT, checkJsonataValue, checkPayloadTemplate } from './check-expressions.js';
import { checkKnownFields } from './check-known-fields.js';
import type { DiagnosticCollector } from './diagnostic-collector.js';
import { CHOICE_RULE_FIELDS, COMPARISON_OPERATORS, type FieldTable } from './field-catalog.js';
import { isRfc3339Timestamp } from './field-value-checks.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { isJsonataString } from './jsonata-expression.js';
import { isPath } from './jsonpath-syntax.js';
import type { QueryLanguage } from './state-types.js';

/**
 * Choice rules. JSONPath: a top-level rule has Next (never End), exactly one comparison operator (with
 * a Variable) or one of And / Or / Not; operands have the operator's type; nested rules have no Next,
 * Assign or Output. JSONata: a rule is a `Condition` (a JSONata expression) with Next. Pure.
 */

/** Rule fields plus every comparison operator (JSONPath-only). */
const OPERATOR_TABLE: FieldTable = {
  ...CHOICE_RULE_FIELDS,
  ...Object.fromEntries(Object.keys(COMPARISON_OPERATORS).map((op) => [op, 'JSONPath' as const])),
};

const BOOLEAN_COMBINATORS = ['And', 'Or', 'Not'] as const;

function checkOperand(out: DiagnosticCollector, rule: JsonRecord, op: string, at: string, what: string): void {
  const kind = COMPARISON_OPERATORS[op]!;
  const v = rule[op];
  if (kind === 'path') {
    if (!isPath(v)) out.error('INVALID_CHOICE_OPERAND', at, `${what}: ${op} takes a path ($…), not ${JSON.stringify(v)}`);
  } else if (kind === 'timestamp') {
    if (typeof v !== 'string') out.error('INVALID_CHOICE_OPERAND', at, `${what}: ${op} takes a timestamp string, not ${JSON.stringify(v)}`);
    else if (!isRfc3339Timestamp(v)) out.error('INVALID_TIMESTAMP', at, `${what}: ${op} ${JSON.stringify(v)} is not an RFC 3339 timestamp (e.g. 2026-01-31T12:00:00Z)`);
  } else if (typeof v !== kind) {
    out.error('INVALID_CHOICE_OPERAND', at, `${what}: ${op} takes a ${kind}, not ${JSON.stringify(v)}`);
  }
}

function checkJsonPathRule(out: DiagnosticCollector, value: unknown, pointer: string, what: string, nested: boolean): void {
  const rule = asJsonRecord(value);
  if (!rule) {
    out.error('INVALID_FIELD_VALUE', pointer, `${what}: a Choice rule must be a JSON object`);
    return;
  }
  checkKnownFields(out, rule, pointer, OPERATOR_TABLE, what, 'a Choice rule', 'JSONPath', (f) => f === 'End');
  checkRuleFlow(out, rule, pointer, what, nested);
  const present: string[] = [];
  for (const field in rule) if (Object.hasOwn(COMPARISON_OPERATORS, field) || (BOOLEAN_COMBINATORS as readonly string[]).includes(field)) present.push(field);
  if (present.length === 0) {
    out.error('INVALID_CHOICE_RULE', pointer, `${what}: a Choice rule needs exactly one comparison operator (StringEquals, NumericGreaterThan, IsPresent, …) or one of And, Or, Not`);
  } else if (present.length > 1) {
    out.error('INVALID_CHOICE_RULE', pointerJoin(pointer, present[1]!), `${what}: a Choice rule has exactly one operator; it has ${present.join(', ')}`);
  }
  const op = present[0];
  if (op !== undefined && Object.hasOwn(COMPARISON_OPERATORS, op)) {
    if (!Object.hasOwn(rule, 'Variable')) out.error('INVALID_CHOICE_RULE', pointerJoin(pointer, 'Variable'), `${what}: the comparison ${op} needs a Variable`);
  } else if (op !== undefined && Object.hasOwn(rule, 'Variable')) {
    out.error('INVALID_CHOICE_RULE', pointerJoin(pointer, 'Variable'), `${what}: a rule combining with ${op} takes no Variable`);
  }
  if (Object.hasOwn(rule, 'Variable') && !isPath(rule.Variable)) {
    out.error('INVALID_JSONPATH', pointerJoin(pointer, 'Variable'), `${what}: Choice Variable must be a path ($…), not ${JSON.stringify(rule.Variable)}`);
  }
  for (const field of present) {
    const at = pointerJoin(pointer, field);
    if (Object.hasOwn(COMPARISON_OPERATORS, field)) {
      checkOperand(out, rule, field, at, what);
    } else if (field === 'Not') {
      checkJsonPathRule(out, rule.Not, at, what, true);
    } else {
      const list = rule[field];
      if (!Array.isArray(list) || list.length === 0) {
        out.error('INVALID_FIELD_VALUE', at, `${what}: ${field} must be a non-empty array of Choice rules`);
        continue;
      }
      for (let i = 0; i < list.length; i++) checkJsonPathRule(out, list[i], pointerJoin(at, i), what, true);
    }
  }
  if (!nested && Object.hasOwn(rule, 'Assign')) checkPayloadTemplate(out, rule.Assign, pointerJoin(pointer, 'Assign'), `${what}.Assign`);
}

/** Next at the top (a string), never End; nested rules without Next, Assign or Output. */
function checkRuleFlow(out: DiagnosticCollector, rule: JsonRecord, pointer: string, what: string, nested: boolean): void {
  if (Object.hasOwn(rule, 'End')) out.error('INVALID_CHOICE_RULE', pointerJoin(pointer, 'End'), `${what}: a Choice rule never has End (it names its Next)`);
  if (nested) {
    for (const field of ['Next', 'Assign', 'Output']) {
      if (Object.hasOwn(rule, field)) out.error('INVALID_CHOICE_RULE', pointerJoin(pointer, field), `${what}: a nested rule (inside And/Or/Not) takes no ${field}`);
    }
    return;
  }
  if (!Object.hasOwn(rule, 'Next')) out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, 'Next'), `${what}: a Choice rule needs a Next`);
  else if (typeof rule.Next !== 'string') out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, 'Next'), `${what}: Next must be a state name`);
}

function checkJsonataRule(out: DiagnosticCollector, value: unknown, pointer: string, what: string): void {
  const rule = asJsonRecord(value);
  if (!rule) {
    out.error('INVALID_FIELD_VALUE', pointer, `${what}: a Choice rule must be a JSON object`);
    return;
  }
  checkKnownFields(out, rule, pointer, OPERATOR_TABLE, what, 'a Choice rule', 'JSONata', (f) => f === 'End');
  checkRuleFlow(out, rule, pointer, what, false);
  if (!Object.hasOwn(rule, 'Condition')) {
    out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, 'Condition'), `${what}: a JSONata Choice rule needs a Condition`);
  } else if (typeof rule.Condition !== 'boolean' && !isJsonataString(rule.Condition)) {
    out.error('JSONATA_EXPRESSION_REQUIRED', pointerJoin(pointer, 'Condition'), `${what}: Condition must be a JSONata expression "{% … %}" (or true/false), not ${JSON.stringify(rule.Condition)}`);
  } else {
    checkJsonataValue(out, rule.Condition, pointerJoin(pointer, 'Condition'), `${what}.Condition`, BEFORE_RESULT);
  }
  for (const field of ['Assign', 'Output'] as const) {
    if (Object.hasOwn(rule, field)) checkJsonataValue(out, rule[field], pointerJoin(pointer, field), `${what}.${field}`, BEFORE_RESULT);
  }
}

/** Every rule of a Choice state's `Choices`. */
export function checkChoiceRules(out: DiagnosticCollector, choices: unknown, pointer: string, state: string, ql: QueryLanguage): void {
  if (!Array.isArray(choices)) return;
  const at = pointerJoin(pointer, 'Choices');
  if (choices.length === 0) out.error('INVALID_FIELD_VALUE', at, `Choice ${state}: Choices must hold at least one rule`);
  for (let i = 0; i < choices.length; i++) {
    const what = `Choice ${state} Choices[${i}]`;
    if (ql === 'JSONata') checkJsonataRule(out, choices[i], pointerJoin(at, i), what);
    else checkJsonPathRule(out, choices[i], pointerJoin(at, i), what, false);
  }
}
