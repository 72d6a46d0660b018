import type { Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';
import type { Credentials, ResolvedOptions } from '../options.js';
import { AkSkAuthenticator } from './auth/aksk.js';
import { TokenAuthenticator } from './auth/token.js';
import type { Authenticator } from './auth/types.js';
import { HssClient } from './client.js';
import { hssEndpointForRegion, isLoopbackHost } from './endpoints.js';
import { createDispatcher } from './transport.js';

export interface Connection {
  endpoint: string;
  client: HssClient;
  auth: Authenticator;
  dispatcher: Dispatcher;
}

/** Decides the endpoint, refuses what would be unsafe, and picks the authentication mode. */
export function resolveEndpoint(config: ResolvedOptions, simulatorUrl: string | undefined): string {
  const endpoint = simulatorUrl ?? config.endpoint ?? (config.region ? hssEndpointForRegion(config.region) : undefined);
  if (!endpoint) throw new ConfigError('no endpoint: give --region ID (e.g. cn-north-4) or --endpoint URL');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(`--endpoint must be a URL like https://hss.cn-north-4.myhuaweicloud.com, got "${endpoint}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`--endpoint must be https:// (or http:// on loopback), got "${endpoint}"`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !config.allowInsecureHttp) {
    throw new ConfigError(`--endpoint ${url.origin} is plain http to a host that is not loopback: credentials would cross the network unencrypted; use https, or pass --allow-insecure-http if you really mean it`);
  }
  return endpoint;
}

export async function createAuthenticator(credentials: Credentials, fallbackToken: string | undefined): Promise<Authenticator> {
  if (credentials.ak || credentials.sk) {
    if (!credentials.ak || !credentials.sk) throw new ConfigError('AK/SK signing needs both CLOUD_SDK_AK and CLOUD_SDK_SK');
    return new AkSkAuthenticator({ ak: credentials.ak, sk: credentials.sk, securityToken: credentials.securityToken || undefined });
  }
  if (credentials.tokenFile) return TokenAuthenticator.fromFile(credentials.tokenFile);
  if (credentials.token) return TokenAuthenticator.fromValue(credentials.token);
  if (fallbackToken) return TokenAuthenticator.fromValue(fallbackToken);
  throw new ConfigError('no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (AK/SK signing), or HSS_AUTH_TOKEN, or --token-file PATH');
}

export async function connect(config: ResolvedOptions, simulator: { url: string; token: string } | undefined): Promise<Connection> {
  const endpoint = resolveEndpoint(config, simulator?.url);
  // The in-process simulator accepts any project; a demo needs no flags beyond --simulate.
  const projectId = config.projectId ?? (simulator ? 'demo-project' : undefined);
  if (!projectId) throw new ConfigError('no project: give --project-id ID (or HSS_PROJECT_ID)');
  const auth = await createAuthenticator(config.credentials, simulator?.token);
  const dispatcher = createDispatcher({ connections: config.concurrency, caFile: config.caFile });
  const client = new HssClient({
    endpoint,
    projectId,
    enterpriseProjectId: config.enterpriseProjectId,
    auth,
    dispatcher,
    timeoutMs: config.timeout,
  });
  return { endpoint, client, auth, dispatcher };
}
