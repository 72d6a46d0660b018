import { runCli } from '../../src/cli/app.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a given environment, capturing its streams. */
export async function runCliCaptured(argv: string[], env: Record<string, string> = {}, extra: { signal?: AbortSignal } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    version: '0.0.0-test',
    ...extra,
  });
  return { code, stdout, stderr };
}
