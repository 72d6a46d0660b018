import type { Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';
import type { Credentials, ResolvedOptions } from '../options.js';
import { AkSkAuthenticator } from './auth/aksk.js';
import { TokenAuthenticator } from './auth/token.js';
import type { Authenticator } from './auth/types.js';
import { HssClient } from './client.js';
import { hssEndpointForRegion, iamEndpointForRegion, isLoopbackHost } from './endpoints.js';
import { IamTokenAuthenticator } from './auth/iam.js';
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
  checkTransport(url, '--endpoint', config.allowInsecureHttp);
  return endpoint;
}

/** Plain http is for loopback (the simulator); elsewhere credentials would cross the network in clear. */
export function checkTransport(url: URL, flag: string, allowInsecureHttp: boolean): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${flag} must be https:// (or http:// on loopback), got "${url.href}"`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(`${flag} ${url.origin} is plain http to a host that is not loopback: credentials would cross the network unencrypted; use https, or pass --allow-insecure-http if you really mean it`);
  }
}

export interface AuthContext {
  fallbackToken: string | undefined;
  iamEndpoint: string | undefined;
  projectId: string;
  dispatcher: Dispatcher;
}

/** AK/SK first (it never expires), then a token file, a token, an IAM login, the simulator's demo token. */
export async function createAuthenticator(credentials: Credentials, context: AuthContext): Promise<Authenticator> {
  if (credentials.ak || credentials.sk) {
    if (!credentials.ak || !credentials.sk) throw new ConfigError('AK/SK signing needs both CLOUD_SDK_AK and CLOUD_SDK_SK');
    return new AkSkAuthenticator({ ak: credentials.ak, sk: credentials.sk, securityToken: credentials.securityToken || undefined });
  }
  if (credentials.tokenFile) return TokenAuthenticator.fromFile(credentials.tokenFile);
  if (credentials.token) return TokenAuthenticator.fromValue(credentials.token);
  if (credentials.iamUser || credentials.iamPassword) {
    if (!credentials.iamUser || !credentials.iamPassword) throw new ConfigError('an IAM login needs both HSS_IAM_USER and HSS_IAM_PASSWORD (and HSS_IAM_DOMAIN)');
    if (!context.iamEndpoint) throw new ConfigError('an IAM login needs --iam-endpoint URL, or --region to derive it');
    const login = { endpoint: context.iamEndpoint, user: credentials.iamUser, password: credentials.iamPassword, domain: credentials.iamDomain ?? credentials.iamUser, projectId: context.projectId };
    return new IamTokenAuthenticator(login, context.dispatcher);
  }
  if (context.fallbackToken) return TokenAuthenticator.fromValue(context.fallbackToken);
  throw new ConfigError('no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (AK/SK signing), HSS_AUTH_TOKEN, --token-file PATH, or HSS_IAM_USER/HSS_IAM_PASSWORD/HSS_IAM_DOMAIN');
}

export async function connect(config: ResolvedOptions, simulator: { url: string; token: string } | undefined, trace?: (event: Record<string, unknown>) => void): Promise<Connection> {
  const endpoint = resolveEndpoint(config, simulator?.url);
  // The in-process simulator accepts any project; a demo needs no flags beyond --simulate.
  const projectId = config.projectId ?? (simulator ? 'demo-project' : undefined);
  if (!projectId) throw new ConfigError('no project: give --project-id ID (or HSS_PROJECT_ID)');
  const dispatcher = createDispatcher({ connections: config.concurrency, caFile: config.caFile, proxy: config.proxy });
  const iamEndpoint = config.iamEndpoint ?? (simulator ? simulator.url : config.region ? iamEndpointForRegion(config.region) : undefined);
  if (config.iamEndpoint) {
    let iamUrl: URL;
    try {
      iamUrl = new URL(config.iamEndpoint);
    } catch {
      throw new ConfigError(`--iam-endpoint must be a URL like https://iam.cn-north-4.myhuaweicloud.com, got "${config.iamEndpoint}"`);
    }
    checkTransport(iamUrl, '--iam-endpoint', config.allowInsecureHttp);
  }
  const auth = await createAuthenticator(config.credentials, { fallbackToken: simulator?.token, iamEndpoint, projectId, dispatcher });
  const client = new HssClient({
    endpoint,
    projectId,
    enterpriseProjectId: config.enterpriseProjectId,
    auth,
    dispatcher,
    timeoutMs: config.timeout,
    trace,
  });
  return { endpoint, client, auth, dispatcher };
}
