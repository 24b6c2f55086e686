// Evaluates JSONata expressions for moto_server's ASL interpreter (see moto_server_with_jsonata.py):
// one JSON request per stdin line, {"expression": "..."}; one JSON answer per stdout line,
// {"ok": true, "value": ...} (no "value" when the result is undefined) or {"ok": false, "error": "..."}.
import { createInterface } from 'node:readline';
import jsonata from 'jsonata';

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer;
  try {
    const { expression } = JSON.parse(line);
    const value = await jsonata(expression).evaluate(null);
    answer = value === undefined ? { ok: true } : { ok: true, value };
  } catch (error) {
    answer = { ok: false, error: `${error?.code ?? 'Error'}: ${error?.message ?? String(error)}` };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
