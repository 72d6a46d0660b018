/**
 * Run-level errors. Row-level failures are values (see RowOutcome), never exceptions.
 * Each class carries a stable code and the exit code the CLI maps it to.
 */
export abstract class SyncError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad flag or option value. Nothing was sent. */
export class UsageError extends SyncError {
  readonly code = 'E_USAGE';
  readonly exitCode = 2;
}

/** Configuration that cannot work (missing project id, insecure endpoint, no credentials). */
export class ConfigError extends SyncError {
  readonly code = 'E_CONFIG';
  readonly exitCode = 2;
}

/** The inventory cannot be read as a whole. Nothing was sent. */
export class InputError extends SyncError {
  readonly code = 'E_INPUT';
  readonly exitCode = 2;
}

/** Credentials were rejected while obtaining a token (before any PUT). */
export class AuthError extends SyncError {
  readonly code = 'E_AUTH';
  readonly exitCode = 3;
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}

/** The run could not go on (the live list could not be read, credentials rejected mid-run). */
export class AbortedError extends SyncError {
  readonly code = 'E_ABORTED';
  readonly exitCode = 3;
}
