import { isIPv4, isIPv6 } from 'node:net';

/** Why a value is not an IP literal the API accepts, or undefined when it is one. */
export function ipProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (isIPv4(value)) return undefined;
  if (value.includes('/')) return 'must be a single address, not a CIDR range';
  if (value.includes('%')) return 'must not carry a zone id (%…): the server cannot use a link-local scope';
  if (isIPv6(value)) return undefined;
  if (value.startsWith('[') && value.endsWith(']')) return 'must be written without brackets';
  if (/^\d+(\.\d+){3}$/.test(value)) return 'is not a valid IPv4 address (each part 0-255, no leading zeros)';
  if (/^[a-z0-9.-]+$/i.test(value) && /[a-z]/i.test(value)) return 'must be an IP address, not a hostname';
  return 'is not an IPv4 or IPv6 address';
}

/** Canonical text of an address, so `2001:DB8::0:1` and `2001:db8::1` compare equal. */
export function canonicalIp(value: string): string {
  if (!isIPv6(value)) return value;
  try {
    return new URL(`http://[${value}]/`).hostname.slice(1, -1);
  } catch {
    return value.toLowerCase();
  }
}
