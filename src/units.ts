import { UsageError } from './errors.js';

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `30s`, `2m`, `1h` (decimals allowed: `1.5s`). A bare number is refused: units are never guessed. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) {
    throw new UsageError(`${flag} must be a duration with a unit like 500ms, 30s, 2m or 1h, got "${value}"`);
  }
  return Math.round(Number(match[1]) * DURATION_UNITS_MS[match[2]!]!);
}

export interface Rate {
  /** Requests allowed per `perMs`. */
  count: number;
  perMs: number;
}

const RATE_UNITS_MS: Record<string, number> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 };

/** Parses `5/min`, `2/s`, `100/h`. */
export function parseRate(value: string, flag: string): Rate {
  const match = /^(\d+(?:\.\d+)?)\/(s|sec|min|m|h)$/.exec(value.trim());
  const count = match ? Number(match[1]) : NaN;
  if (!match || !(count > 0)) {
    throw new UsageError(`${flag} must look like 5/min, 2/s or 100/h, got "${value}"`);
  }
  return { count, perMs: RATE_UNITS_MS[match[2]!]! };
}

export function intervalMsOf(rate: Rate): number {
  return rate.perMs / rate.count;
}

export function formatRate(rate: Rate): string {
  const unit = rate.perMs === 1000 ? 's' : rate.perMs === 60_000 ? 'min' : rate.perMs === 3_600_000 ? 'h' : `${rate.perMs}ms`;
  return `${Number(rate.count.toFixed(2))}/${unit}`;
}

/** Human duration for summaries and plans: `850ms`, `12s`, `3 min`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}
