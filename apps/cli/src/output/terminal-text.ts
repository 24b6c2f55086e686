// C0 controls but tab and newline (so ESC, and with it every ANSI escape, and CR), DEL, C1 controls, the
// line/paragraph separators and the bidirectional overrides/isolates, which reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text for a person's terminal: every character that could move the cursor, clear the screen, recolour
 * or reorder what is shown is written as a visible `\u{1b}` escape instead. Tabs and newlines stay.
 * Values from a store, a child process or a file (a cell name, a fingerprint) can never rewrite the
 * user's terminal through a table or a message.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}
