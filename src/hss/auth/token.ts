import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';
import type { Authenticator, OutgoingRequest } from './types.js';

/** X-Auth-Token from a fixed value (HSS_AUTH_TOKEN) or a file (--token-file). */
export class TokenAuthenticator implements Authenticator {
  readonly mode = 'token';
  readonly #file: string | undefined;
  #token: string;
  #seen: string[];

  private constructor(token: string, file: string | undefined) {
    this.#token = token;
    this.#file = file;
    this.#seen = [token];
  }

  static fromValue(token: string): TokenAuthenticator {
    return new TokenAuthenticator(token.trim(), undefined);
  }

  static async fromFile(path: string): Promise<TokenAuthenticator> {
    return new TokenAuthenticator(await readTokenFile(path), path);
  }

  async authorize(request: OutgoingRequest): Promise<void> {
    request.headers['X-Auth-Token'] = this.#token;
  }

  /** A mounted Kubernetes Secret is rotated in place: read the file again, once per 401. */
  async refresh(): Promise<boolean> {
    if (!this.#file) return false;
    const token = await readTokenFile(this.#file);
    if (token === this.#token) return false;
    this.#token = token;
    this.#seen.push(token);
    return true;
  }

  secrets(): string[] {
    return this.#seen;
  }
}

async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`--token-file ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const token = text.trim();
  if (token === '') throw new ConfigError(`--token-file ${path}: the file is empty`);
  return token;
}
