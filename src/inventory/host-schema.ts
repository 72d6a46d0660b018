import { z } from 'zod';
import type { BackupHost, RawHostFields } from '../model.js';
import { ipProblem } from './ip.js';

const MAX_TEXT = 256;
// C0 and C1 control characters and DEL: never part of a real id, address or path.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function textProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value.length > MAX_TEXT) return `must be at most ${MAX_TEXT} characters, got ${value.length}`;
  const control = CONTROL.exec(value);
  if (control) return `contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  if (value.includes('\uFFFD')) return 'contains bytes that are not valid UTF-8';
  return undefined;
}

const text = (field: string) =>
  z.string().check((ctx) => {
    const problem = textProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: `${field} ${problem}`, input: ctx.value });
  });

const ip = z.string().check((ctx) => {
  const problem = textProblem(ctx.value) ?? ipProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: `backup_host_ip ${problem}, got ${quote(ctx.value)}`, input: ctx.value });
});

const port = z.string().transform((value, ctx) => {
  if (value === '') {
    ctx.issues.push({ code: 'custom', message: 'backup_host_port is empty', input: value });
    return z.NEVER;
  }
  // Decimal digits only: hex, exponents, signs and fractions are mistakes, not ports.
  const number = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(number <= 65535)) {
    ctx.issues.push({ code: 'custom', message: `backup_host_port must be an integer 0-65535, got ${quote(value)}`, input: value });
    return z.NEVER;
  }
  return number;
});

/** The API's rules for UpdateBackupHostInfo's body, with messages that name the field and the value. */
export const backupHostSchema = z.object({
  host_id: text('host_id'),
  backup_host_ip: ip,
  backup_host_port: port,
  backup_dir: text('backup_dir'),
});

export type ValidationResult = { ok: true; host: BackupHost } | { ok: false; message: string };

export function validateHost(fields: RawHostFields): ValidationResult {
  const result = backupHostSchema.safeParse(fields);
  if (result.success) return { ok: true, host: result.data };
  return { ok: false, message: result.error.issues.map((issue) => issue.message).join('; ') };
}
