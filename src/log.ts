import pino, { type Logger } from 'pino';
import { stripControl } from './report/summary-text.js';

export interface LoggerOptions {
  level: string;
  format: 'pretty' | 'json';
  /** Strings never to print: tokens, SK, passwords. Asked at each line, so refreshed tokens count too. */
  secrets: () => string[];
  write: (text: string) => void;
}

const SECRET_HEADERS = /((?:authorization|x-auth-token|x-security-token|x-subject-token)["']?\s*[:=]\s*["']?)([^"',\s|]+(?:[ ][^"',|]+)?)/gi;
const SIGNATURE = /(Signature=)[0-9a-f]{16,}/gi;

/** Removes every known secret and anything shaped like an auth header value. */
export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  return out.replace(SECRET_HEADERS, '$1[REDACTED]').replace(SIGNATURE, '$1[REDACTED]');
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino on stderr. Every line passes the scrubber; pretty lines are short and human. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = {
    write(line: string): void {
      const clean = scrubSecrets(line, options.secrets());
      options.write(options.format === 'json' ? clean : prettyLine(clean));
    },
  };
  return pino(
    {
      level: options.level,
      base: null,
      redact: {
        paths: ['headers.authorization', 'headers.Authorization', 'headers["x-auth-token"]', 'headers["X-Auth-Token"]', 'headers["x-security-token"]', 'headers["X-Security-Token"]'],
        censor: '[REDACTED]',
      },
    },
    destination,
  );
}

function prettyLine(json: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const when = new Date(Number(time)).toISOString().slice(11, 19);
    const extras = Object.entries(rest)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    return `${when} ${LEVEL_NAMES[Number(level)] ?? level} ${stripControl(String(msg ?? ''))}${extras ? ` ${stripControl(extras)}` : ''}\n`;
  } catch {
    return json;
  }
}
