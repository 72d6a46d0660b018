import { UsageError } from '../errors.js';

/** Regions of HSS, as listed by the Node SDK's HssRegion. */
export const HSS_REGIONS = [
  'cn-north-1', 'cn-north-2', 'cn-north-4', 'cn-north-9', 'cn-north-11', 'cn-north-12',
  'cn-east-2', 'cn-east-3', 'cn-east-4', 'cn-east-5', 'cn-south-1', 'cn-south-2', 'cn-south-4',
  'cn-southwest-2', 'cn-southwest-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'af-south-1', 'sa-brazil-1', 'la-south-2', 'la-north-2', 'na-mexico-1',
  'tr-west-1', 'ae-ad-1', 'me-east-1', 'my-kualalumpur-1', 'ru-moscow-1', 'eu-west-101',
] as const;

function domainOf(region: string): string {
  if (!(HSS_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`--region "${region}" is not a known HSS region; known: ${HSS_REGIONS.join(', ')} (or give --endpoint URL)`);
  }
  return region === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com';
}

export function hssEndpointForRegion(region: string): string {
  return `https://hss.${region}.${domainOf(region)}`;
}

export function iamEndpointForRegion(region: string): string {
  return `https://iam.${region}.${domainOf(region)}`;
}

export function backupHostsPath(projectId: string): string {
  return `/v5/${encodeURIComponent(projectId)}/wtp/backup-hosts`;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}
