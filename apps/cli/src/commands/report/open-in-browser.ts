import { spawn } from 'node:child_process';

/** The command that opens a file with the desktop's default application. */
export function openerFor(platform: NodeJS.Platform): { readonly command: string; readonly args: readonly string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

/**
 * Opens `path` in the default browser, detached (the CLI does not wait for it). Resolves with null once
 * the opener started, or with the reason it could not (e.g. xdg-open is not installed).
 */
export function openInBrowser(path: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const opener = openerFor(platform);
  return new Promise((resolve) => {
    const child = spawn(opener.command, [...opener.args, path], { detached: true, stdio: 'ignore' });
    child.once('error', (error) => resolve(`${opener.command}: ${error.message}`));
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}
