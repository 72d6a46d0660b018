/**
 * The pacer's arithmetic: a GCRA (generic cell rate algorithm) reservation. `tatMs` is the
 * theoretical arrival time of the next request. With burst b, up to b starts may fall together;
 * after that, starts are `intervalMs` apart. Idle time is not banked beyond the burst, so a stall
 * never turns into a catch-up burst that a strict sliding window would reject.
 */
export interface Slot {
  /** When the request may start. */
  startAtMs: number;
  /** The state to carry into the next reservation. */
  tatMs: number;
}

export function nextSlot(tatMs: number, nowMs: number, intervalMs: number, burst: number): Slot {
  const earliest = tatMs - (burst - 1) * intervalMs;
  const startAtMs = Math.max(nowMs, earliest);
  // A timer that fires a little late must not push every later start back (the pace would drift
  // below the rate): lateness up to LATE_TOLERANCE of an interval is forgiven. That keeps any two
  // starts at least (1 - LATE_TOLERANCE) intervals apart, which PACE_MARGIN covers.
  const base = Math.max(tatMs, startAtMs - LATE_TOLERANCE * intervalMs);
  return { startAtMs, tatMs: base + intervalMs };
}

/** The share of an interval by which a start may run late without delaying the next one. */
export const LATE_TOLERANCE = 0.01;

export interface AimdState {
  /** Requests per ms currently allowed. */
  rate: number;
  /** The highest rate: the configured one, or lower when the server stated its limit. */
  ceiling: number;
  /** When the last decrease happened; throttles of requests started before it are not counted twice. */
  lastDecreaseAtMs: number;
}

/** Multiplicative decrease after a 429: halve, but not below 1/64 of the ceiling. */
export function decreaseRate(state: AimdState, nowMs: number, requestStartedAtMs: number, learnedCeiling?: number): AimdState {
  const ceiling = learnedCeiling !== undefined ? Math.min(state.ceiling, learnedCeiling) : state.ceiling;
  if (requestStartedAtMs < state.lastDecreaseAtMs) {
    return { ...state, ceiling, rate: Math.min(state.rate, ceiling) };
  }
  const rate = Math.max(Math.min(state.rate, ceiling) / 2, ceiling / 64);
  return { rate, ceiling, lastDecreaseAtMs: nowMs };
}

/** Additive increase after a success: back to the ceiling in about 20 successes. */
export function increaseRate(state: AimdState): AimdState {
  if (state.rate >= state.ceiling) return state;
  return { ...state, rate: Math.min(state.ceiling, state.rate + state.ceiling / 20) };
}

/**
 * When a sliding window of `limit` calls per `perMs` has room again, given the start times of our
 * accepted calls (oldest first). Used once the server has stated its limit in a 429: the calls sent
 * before we knew it still fill its window, so waiting for the oldest of them to leave beats halving
 * the rate again and again.
 */
export function windowFreeAtMs(acceptedStartsMs: readonly number[], limit: { count: number; perMs: number }): number {
  const count = Math.floor(limit.count);
  if (count < 1 || acceptedStartsMs.length < count) return -Infinity;
  return acceptedStartsMs[acceptedStartsMs.length - count]! + limit.perMs;
}
