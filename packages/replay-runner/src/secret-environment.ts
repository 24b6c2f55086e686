/**
 * Variable names whose values are secrets: `…SECRET…`, `…TOKEN…`, `…PASSWORD…` / `PASSWD` / `PASSPHRASE`,
 * `…CREDENTIAL…`, `…PRIVATE_KEY…`, `…API_KEY…`, `…ACCESS_KEY…` (`AWS_SECRET_ACCESS_KEY`, `AWS_ACCESS_KEY_ID`),
 * `…_KEY`, `KEY`, `…COOKIE…`, `…_AUTH`, `…DSN`, `DATABASE_URL`. Case-insensitive.
 * Names a Linux session sets that only look secret (`SSH_AUTH_SOCK`, `XDG_SESSION_TYPE`, `TOKENIZERS_PARALLELISM`)
 * do not match or hold values too short to count (MIN_SECRET_LENGTH).
 */
export const SECRET_ENV_NAME = /(SECRET|TOKEN(?!IZERS)|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|COOKIE|_AUTH$|^AUTH$|DSN$|DATABASE_URL$)/i;

/** The variable naming more secret variables, comma-separated (`REPRO_SECRET_ENV=FEATURE_STORE_PW,MY_VAR`). Its own value is not a secret. */
export const SECRET_ENV_LIST_VARIABLE = 'REPRO_SECRET_ENV';

/**
 * Shortest value redacted, in characters. A shorter value (`1`, `true`, `ubuntu`'s `tty`) would turn every
 * occurrence of an everyday word or number into a marker; a real secret is longer.
 */
export const MIN_SECRET_LENGTH = 6;

/** A value to redact and the variable it came from (the marker is `[redacted:NAME]`). */
export interface SecretValue {
  readonly value: string;
  readonly name: string;
}

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The password of a URL-valued string (as written and percent-decoded), or none. */
function urlPasswords(value: string): string[] {
  if (!URL_WITH_SCHEME.test(value)) return [];
  let password: string;
  try {
    password = new URL(value).password;
  } catch {
    return [];
  }
  if (password === '') return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // a malformed escape: the password as written is what can leak
  }
  return decoded === password ? [password] : [password, decoded];
}

/** The names `REPRO_SECRET_ENV` lists (trimmed, empty entries ignored). */
function listedSecretNames(env: Readonly<Record<string, string | undefined>>): Set<string> {
  const listed = env[SECRET_ENV_LIST_VARIABLE] ?? '';
  return new Set(
    listed
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
}

/**
 * The secret values of an environment. Pure. Collected:
 * - the value of every variable named like a secret (SECRET_ENV_NAME) or listed in `REPRO_SECRET_ENV`;
 * - the password of every URL-valued variable, whatever its name (`REDIS_URL=redis://:pw@host`), as
 *   written and percent-decoded;
 * each also with surrounding whitespace trimmed. Values shorter than MIN_SECRET_LENGTH are left out.
 */
export function secretsOfEnvironment(env: Readonly<Record<string, string | undefined>>): SecretValue[] {
  const listed = listedSecretNames(env);
  const secrets: SecretValue[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name === SECRET_ENV_LIST_VARIABLE) continue;
    const candidates = listed.has(name) || SECRET_ENV_NAME.test(name) ? [value, value.trim()] : [];
    candidates.push(...urlPasswords(value.trim()));
    for (const candidate of new Set(candidates)) if (candidate.length >= MIN_SECRET_LENGTH) secrets.push({ value: candidate, name });
  }
  return secrets;
}
