import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { InputError } from '../../src/errors.js';

function capture(error: unknown, logLevel: string, secrets: string[] = []) {
  let stderr = '';
  const code = reportError(error, { stderr: { write: (text: string) => (stderr += text) } }, logLevel, secrets);
  return { code, stderr };
}

describe('reportError', () => {
  it('prints a user mistake as one line with its exit code', () => {
    expect(capture(new InputError('hosts.csv line 3: no "host_id" column'), 'info')).toEqual({ code: 2, stderr: 'error: hosts.csv line 3: no "host_id" column\n' });
  });

  it('prints an unexpected error as one line and a hint, never the stack or a secret', () => {
    const error = new TypeError('cannot read x of undefined near token=s3cr3t-token\nsecond line');
    const { code, stderr } = capture(error, 'info', ['s3cr3t-token']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: unexpected failure: cannot read x of undefined near token=[REDACTED]\nhint: rerun with --log-level debug for details\n');
  });

  it('shows the stack only at debug level, still without secrets', () => {
    const error = new Error('boom with s3cr3t-token');
    const { stderr } = capture(error, 'debug', ['s3cr3t-token']);
    expect(stderr).toContain('    at ');
    expect(stderr).not.toContain('s3cr3t-token');
  });
});
