/** Variable names whose values are treated as secrets: …TOKEN, …SECRET, …PASSWORD, …KEY, credentials, auth. */
export const SECRET_ENV_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|AUTH|SESSION|COOKIE|DSN|DATABASE_URL)/i;

/** Shortest value redacted (shorter ones, like "1", would blank out unrelated text). */
const MIN_SECRET_LENGTH = 4;

/**
 * Redacts secrets from child output before it is shown or stored. Pure.
 * - the value of every variable of `env` whose name looks secret (SECRET_ENV_NAME) → `[redacted:NAME]`;
 * - the password of a URL (`scheme://user:password@host`) → `scheme://user:***@host`;
 * - AWS access key ids (`AKIA…`/`ASIA…`) → `[redacted:aws-access-key-id]`.
 */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  let out = text;
  const secrets = Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].length >= MIN_SECRET_LENGTH && SECRET_ENV_NAME.test(entry[0]))
    .sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of secrets) out = out.split(value).join(`[redacted:${name}]`);
  out = out.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi, '$1:***@');
  out = out.replace(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, '[redacted:aws-access-key-id]');
  return out;
}
