// Diagnostics of validate() and the lints, without zod (their schemas: diagnostic-schema.ts).

/** The fifteen contract codes of validate() (their meaning is exact; see the README). */
export const CONTRACT_CODES = [
  'MISSING_START_AT',
  'DANGLING_TARGET',
  'BRANCH_ESCAPE',
  'UNREACHABLE_STATE',
  'NO_TERMINAL',
  'NEXT_AND_END',
  'MISSING_NEXT_OR_END',
  'FIELD_NOT_ALLOWED',
  'INVALID_STATE_TYPE',
  'MISSING_REQUIRED_FIELD',
  'INVALID_JSONPATH',
  'DUPLICATE_STATE_NAME',
  'STATES_ALL_NOT_LAST',
  'CHOICE_NO_DEFAULT_WARNING',
  'TRAP_CYCLE_WARNING',
] as const;

/** Codes of our own, beyond the contract. */
export const EXTRA_CODES = [
  /** A scope object without a `States` object. */
  'MISSING_STATES',
  /** A known field holds a value of the wrong JSON type (e.g. `"Next": 3`, `"Retry": {}`). */
  'INVALID_FIELD_VALUE',
  /** QueryLanguage is neither JSONPath nor JSONata, or a JSONPath state sits in a JSONata machine. */
  'INVALID_QUERY_LANGUAGE',
  /** Isolation lint: inside a Parallel, a state whose error can escape the branch and cancel siblings. */
  'SIBLING_CANCEL_HAZARD',
  /** A field no ASL object of that kind defines (a state, a Retrier/Catcher, a Choice rule, a Map configuration, the machine). */
  'UNKNOWN_FIELD',
  /** Two fields that exclude each other are both present (`TimeoutSeconds` and `TimeoutSecondsPath`, …). */
  'EXCLUSIVE_FIELDS',
  /** None of a set of fields one of which is required is present (a Wait without Seconds/Timestamp/…Path). */
  'REQUIRED_ONE_OF',
  /** A number outside its range (`BackoffRate < 1`, `TimeoutSeconds <= 0`, `ToleratedFailurePercentage > 100`, …). */
  'VALUE_OUT_OF_RANGE',
  /** A string outside its enumeration (`JitterStrategy`, `ProcessorConfig.Mode`, `ReaderConfig.InputType`, …). */
  'INVALID_ENUM_VALUE',
  /** A literal `HeartbeatSeconds` that is not below the literal `TimeoutSeconds` of the same Task. */
  'HEARTBEAT_NOT_BELOW_TIMEOUT',
  /** A state name that is empty or longer than 80 characters. */
  'INVALID_STATE_NAME',
  /** A Task (or ItemReader/ResultWriter) `Resource` that is not a URI. */
  'INVALID_RESOURCE',
  /** A timestamp that is not RFC 3339 (`2026-01-01T00:00:00Z`). */
  'INVALID_TIMESTAMP',
  /** A Choice rule of the wrong shape: no Next at the top, Next or End where not allowed, zero or several operators. */
  'INVALID_CHOICE_RULE',
  /** A Choice comparison operator whose operand has the wrong type (`NumericEquals: "3"`, `StringEqualsPath: "x"`). */
  'INVALID_CHOICE_OPERAND',
  /** An intrinsic function call that does not parse (quotes, parentheses, arguments, nesting deeper than 10). */
  'INVALID_INTRINSIC',
  /** `States.X(…)` where X is not an intrinsic function. */
  'UNKNOWN_INTRINSIC',
  /** An intrinsic function called with the wrong number of arguments. */
  'INTRINSIC_ARITY',
  /** A `{% … %}` expression that the jsonata parser (2.0.6, the version Step Functions implements) rejects. */
  'JSONATA_SYNTAX',
  /** A JSONata expression that uses what Step Functions does not offer there (`$states.result` outside Output/Assign, `$states.errorOutput` outside a Catch, `$eval`, an unknown `$states` field). */
  'JSONATA_RESTRICTED',
  /** A field that must be a JSONata expression is not one (a Choice rule's `Condition`). */
  'JSONATA_EXPRESSION_REQUIRED',
] as const;

export type DiagnosticCode = (typeof CONTRACT_CODES)[number] | (typeof EXTRA_CODES)[number];

// A type alias, not an interface: like the z.infer type it replaces, it is assignable to Record<string, unknown>.
export type Diagnostic = {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** RFC 6901 JSON Pointer into the definition. */
  path: string;
  message: string;
};

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
