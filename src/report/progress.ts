import type { Logger } from 'pino';
import type { ProgressSnapshot } from '../run-hooks.js';
import { formatDuration } from '../units.js';

export interface ProgressOptions {
  /** Redraw one line in place (a terminal) or print plain lines (a pipe, a log file). */
  mode: 'tty' | 'lines' | 'json' | 'off';
  write: (text: string) => void;
  logger?: Logger;
  now?: () => number;
  /** A plain line at least this often. @default 60s */
  everyMs?: number;
}

/** Remaining time from the pace so far; undefined until there is a pace to go by. */
export function estimateRemainingMs(snapshot: ProgressSnapshot): number | undefined {
  if (snapshot.done === 0 || snapshot.total === 0) return undefined;
  const remaining = snapshot.total - snapshot.done;
  if (remaining === 0) return 0;
  const byPace = snapshot.ratePerMinute > 0 ? (remaining / snapshot.ratePerMinute) * 60_000 : Infinity;
  const bySoFar = (snapshot.elapsedMs / snapshot.done) * remaining;
  return Math.max(byPace === Infinity ? 0 : byPace, Math.min(bySoFar, byPace));
}

export function describeProgress(snapshot: ProgressSnapshot): string {
  const percent = snapshot.total ? Math.floor((snapshot.done / snapshot.total) * 100) : 100;
  const eta = estimateRemainingMs(snapshot);
  const rate = snapshot.ratePerMinute >= 120 ? `${Math.round(snapshot.ratePerMinute / 60)}/s` : `${Number(snapshot.ratePerMinute.toFixed(1))}/min`;
  return `${snapshot.done}/${snapshot.total} (${percent}%) ok ${snapshot.succeeded} failed ${snapshot.failed} | ${rate} | 429s ${snapshot.throttled} | ETA ${eta === undefined ? '?' : formatDuration(eta)}`;
}

/**
 * Progress on stderr. A terminal gets one line redrawn in place (at most 10 times a second); a pipe
 * gets a line at each 10% and at least every minute, so cron mail and `kubectl logs` show movement.
 */
export class ProgressReporter {
  readonly #options: ProgressOptions;
  readonly #now: () => number;
  #lastDrawMs = 0;
  #lastLineMs = 0;
  #lastDecile = 0;
  #drawn = false;
  #latest: ProgressSnapshot | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  start(total: number): void {
    this.#lastLineMs = this.#now();
    if (this.#options.mode === 'off') return;
    const everyMs = this.#options.everyMs ?? 60_000;
    // A slow run (5/min) still says something every minute, even between rows.
    if (this.#options.mode !== 'tty') {
      this.#heartbeat = setInterval(() => this.#latest && this.#line(this.#latest), everyMs);
      this.#heartbeat.unref();
    }
    this.#latest = { done: 0, total, succeeded: 0, failed: 0, throttled: 0, ratePerMinute: 0, elapsedMs: 0 };
  }

  update(snapshot: ProgressSnapshot): void {
    this.#latest = snapshot;
    const now = this.#now();
    switch (this.#options.mode) {
      case 'off':
        return;
      case 'tty':
        if (now - this.#lastDrawMs < 100 && snapshot.done !== snapshot.total) return;
        this.#lastDrawMs = now;
        this.#drawn = true;
        this.#options.write(`\r\x1b[K${describeProgress(snapshot)}`);
        return;
      default: {
        const decile = snapshot.total ? Math.floor((snapshot.done / snapshot.total) * 10) : 10;
        if (decile > this.#lastDecile || now - this.#lastLineMs >= (this.#options.everyMs ?? 60_000)) {
          this.#lastDecile = decile;
          this.#line(snapshot);
        }
      }
    }
  }

  /** Wipes the redrawn line before other output; the next update draws it again. */
  clearLine(): void {
    if (!this.#drawn) return;
    this.#options.write('\r\x1b[K');
    this.#drawn = false;
  }

  /** Ends the redrawn line so the summary starts on its own. */
  finish(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    if (this.#drawn) this.#options.write('\n');
    this.#drawn = false;
  }

  #line(snapshot: ProgressSnapshot): void {
    this.#lastLineMs = this.#now();
    if (this.#options.mode === 'json') {
      const eta = estimateRemainingMs(snapshot);
      this.#options.logger?.info({ progress: { ...snapshot, eta_ms: eta ?? null } }, 'progress');
    } else {
      this.#options.write(`progress ${describeProgress(snapshot)}\n`);
    }
  }
}
