/**
 * Spreadsheet formula injection guard (OWASP "CSV injection"). Reports prefix such cells with `'`;
 * reading removes that one apostrophe again, so a report fed back sends the original values.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeFormula(value: string): string {
  return value.charCodeAt(0) === 39 && FORMULA_START.test(value.slice(1, 2)) ? value.slice(1) : value;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** Picks the delimiter that occurs most often outside quotes in the header line; ties go to the comma. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** Header names compare trimmed, case-insensitive, with spaces and hyphens as underscores. */
export function normalizeColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}
