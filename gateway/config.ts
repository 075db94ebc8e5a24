/**
 * The gateway's configuration: the shared one (runtime/config.ts) and how the gateway reaches each
 * subgraph of the registry (schema/subgraphs.json), read from the environment and validated once.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, integer, loadConfig, oneOf, required, type Config } from '../runtime/config.js';
import { ORIGIN_FORM, parseOrigins, type CorsPolicy } from '../runtime/serve/cors.js';
import { EXTERNAL_SUBGRAPHS, SUBGRAPH_NAMES, type ExternalSubgraph, type SubgraphName } from '../schema/subgraphs.js';
import { cognitoSignIn, developmentSignIn, type ExplorerSignIn } from './explorer/signIn.js';

export type Transport = 'local' | 'http' | 'lambda';

export interface GatewayConfig extends Config {
  /** How the gateway reaches each subgraph. */
  transport: Transport;
  /** Per-subgraph URL overrides for the `http` transport (else the URL the supergraph names). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** The Lambda function (name or ARN) of each hosted subgraph, for the `lambda` transport. */
  subgraphFunctions: Partial<Record<SubgraphName, string>>;
  /** Other teams' subgraphs (schema/subgraphs.json `external`), whatever the transport of ours. */
  externalSubgraphs: ExternalSubgraphConfig[];
  /**
   * `SUBGRAPH_SECRET_<NAME>` by subgraph name: the secret that signs calls to that subgraph when it
   * is not ours (a registry `external`, or any subgraph of `npm run gateway -- --supergraph`).
   * Each differs from every CONTEXT_SECRETS.
   */
  subgraphSecrets: Record<string, string>;
  /** `ANONYMOUS_CALLERS=refuse`: a request without a token gets UNAUTHENTICATED (401) before anything runs. @default serve */
  anonymousCallers: 'serve' | 'refuse';
  /**
   * `SUBGRAPH_SIGNED_CONTEXT_<NAME>=off`: called without the signed context (who asks, for which
   * app), e.g. a public subgraph that must not learn who the children are. Ours refuse such calls.
   */
  unsignedSubgraphs: string[];
  /** Browser origins that may call the graph (`CORS_ORIGINS`; in development localhost as well). */
  cors: CorsPolicy;
  /**
   * `SUBGRAPH_WARM_UP_AFTER_IDLE_SECONDS`: a subgraph function this container has not invoked for
   * longer is presumed reclaimed, and warmed together with the others as idle when a request next
   * calls any (gateway/warmUp.ts). 0: never. @default 300, about when Lambda reclaims an idle container
   */
  warmUpAfterIdleSeconds: number;
  /**
   * How the explorer signs an admin in (gateway/explorer/signIn.ts): the user pool's hosted sign-in
   * (`EXPLORER_CLIENT_ID`, `EXPLORER_SIGN_IN_DOMAIN`) or the development provider. undefined: admins
   * paste a token.
   */
  explorerSignIn: ExplorerSignIn | undefined;
  /**
   * `DEV_SIGN_IN`: `npm start` serves the development OpenID Connect provider at AUTH_ISSUER
   * (scripts/devSignIn/), where anyone signs in as any demo person. Refused in production.
   * @default on in development with a loopback AUTH_ISSUER, no AUTH_JWKS_URL and no EXPLORER_CLIENT_ID
   */
  devSignIn: boolean;
}

/** Another team's subgraph, as this deployment reaches it (docs/EXTENDING.md). */
export interface ExternalSubgraphConfig {
  name: string;
  /** `SUBGRAPH_URL_<NAME>`, else the URL the registry gives it. */
  url: string;
  /** `SUBGRAPH_FUNCTION_<NAME>`: invoke this Lambda function instead of calling `url`. */
  functionName: string | undefined;
  /**
   * `SUBGRAPH_SECRET_<NAME>`: signs the context of calls to this subgraph only. The other team
   * never holds CONTEXT_SECRETS, which would let it call our subgraphs as anyone. Required in
   * production and always distinct from every CONTEXT_SECRETS; in development, when unset, a
   * secret of this process alone (`UNSHARED_SECRET`), so the subgraph can verify nothing.
   */
  contextSecret: string;
}

/** A function name, a partial or full ARN, each with an optional version or alias. */
const LAMBDA_FUNCTION = /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?[\w-]{1,64}(:[\w$-]{1,128})?$/;

/** `SUBGRAPH_FUNCTION_<NAME>` of every hosted subgraph; all are required by the `lambda` transport. */
function loadSubgraphFunctions(env: NodeJS.ProcessEnv, transport: Transport): GatewayConfig['subgraphFunctions'] {
  const functions: GatewayConfig['subgraphFunctions'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const variable = `SUBGRAPH_FUNCTION_${name.toUpperCase()}`;
    const value = transport === 'lambda' ? required(variable, env[variable], 'SUBGRAPH_TRANSPORT=lambda') : env[variable];
    if (!value) continue;
    if (!LAMBDA_FUNCTION.test(value)) throw new ConfigError(`Environment variable ${variable} must be a Lambda function name or ARN; got "${value}"`);
    functions[name] = value;
  }
  return functions;
}

/**
 * Development only: signs calls to a subgraph that is not ours and has no `SUBGRAPH_SECRET_<NAME>`.
 * Random per process, so the subgraph can verify none of them (and none is signed with ours).
 */
export const UNSHARED_SECRET = randomBytes(32).toString('base64url');

/** Every `SUBGRAPH_SECRET_<NAME>`, by lower-case name; one equal to a CONTEXT_SECRETS refuses the start. */
export function loadSubgraphSecrets(env: NodeJS.ProcessEnv, { contextSecrets }: Pick<Config, 'contextSecrets'>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const variable of Object.keys(env)) {
    const name = /^SUBGRAPH_SECRET_([A-Z0-9_]+)$/.exec(variable)?.[1];
    const secret = env[variable];
    if (!name || !secret) continue;
    if (contextSecrets.includes(secret)) throw new ConfigError(`Environment variable ${variable} must differ from every CONTEXT_SECRETS: another team's subgraph must not hold ours`);
    secrets[name.toLowerCase()] = secret;
  }
  return secrets;
}

/**
 * The secret that signs calls to `name`, a subgraph that is not ours: its `SUBGRAPH_SECRET_<NAME>`;
 * without one, a ConfigError in production and in development a secret of this process alone.
 * Never one of CONTEXT_SECRETS (loadSubgraphSecrets).
 */
export function foreignSubgraphSecret({ production, subgraphSecrets }: Pick<GatewayConfig, 'production' | 'subgraphSecrets'>, name: string): string {
  const secret = subgraphSecrets[name.toLowerCase()];
  if (secret) return secret;
  if (production) throw new ConfigError(`Environment variable SUBGRAPH_SECRET_${name.toUpperCase()} is required in production (the ${name} subgraph's own context secret)`);
  return UNSHARED_SECRET;
}

export function loadExternalSubgraphs(
  env: NodeJS.ProcessEnv,
  config: Pick<Config, 'production' | 'contextSecrets'>,
  registered: readonly ExternalSubgraph[] = EXTERNAL_SUBGRAPHS,
): ExternalSubgraphConfig[] {
  const secrets = { production: config.production, subgraphSecrets: loadSubgraphSecrets(env, config) };
  return registered.map(({ name, url }) => {
    const variable = (setting: 'URL' | 'FUNCTION') => `SUBGRAPH_${setting}_${name.toUpperCase()}`;
    const functionName = env[variable('FUNCTION')] || undefined;
    if (functionName && !LAMBDA_FUNCTION.test(functionName)) throw new ConfigError(`Environment variable ${variable('FUNCTION')} must be a Lambda function name or ARN; got "${functionName}"`);
    return { name, url: env[variable('URL')] || url, functionName, contextSecret: foreignSubgraphSecret(secrets, name) };
  });
}

/**
 * `CORS_ORIGINS`, exact origins; development adds any localhost port (a web app's dev server).
 * In AWS the HTTP API answers CORS from the deployment's list instead (infra/deployment.ts).
 */
export function loadCors(env: NodeJS.ProcessEnv, { production }: Pick<Config, 'production'>): CorsPolicy {
  const origins = parseOrigins(env.CORS_ORIGINS ?? '', (wrong) => new ConfigError(`Environment variable CORS_ORIGINS must list ${ORIGIN_FORM}; got "${wrong}"`));
  return { origins, localhost: !production };
}

/** `http://127.0.0.1:<port>` or `http://localhost:<port>`: where the development provider can listen and be its own issuer. */
function isLoopbackOrigin(url: string): boolean {
  const parsed = URL.parse(url);
  return !!parsed && parsed.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(parsed.hostname) && parsed.port !== '' && parsed.origin === url;
}

/**
 * The explorer's sign-in: the user pool's hosted sign-in when `EXPLORER_CLIENT_ID` and
 * `EXPLORER_SIGN_IN_DOMAIN` are set, else the development provider when `DEV_SIGN_IN` is on.
 */
export function loadSignIn(env: NodeJS.ProcessEnv, { production, auth }: Pick<Config, 'production' | 'auth'>): Pick<GatewayConfig, 'explorerSignIn' | 'devSignIn'> {
  const clientId = env.EXPLORER_CLIENT_ID || undefined;
  const domain = env.EXPLORER_SIGN_IN_DOMAIN || undefined;
  if (!clientId !== !domain) throw new ConfigError('Environment variables EXPLORER_CLIENT_ID and EXPLORER_SIGN_IN_DOMAIN go together: the explorer\'s client of the user pool and the pool\'s hosted sign-in domain');
  const fallback = !production && !auth.jwksUrl && !clientId && isLoopbackOrigin(auth.issuer) ? 'on' : 'off';
  const devSignIn = oneOf('DEV_SIGN_IN', env.DEV_SIGN_IN ?? fallback, ['on', 'off'] as const) === 'on';
  if (devSignIn) {
    if (production) throw new ConfigError('DEV_SIGN_IN=on is refused in production: the development sign-in lets anyone in as any demo person, the admin too. Admins sign in with the user pool (EXPLORER_CLIENT_ID, EXPLORER_SIGN_IN_DOMAIN)');
    if (auth.jwksUrl) throw new ConfigError('DEV_SIGN_IN=on signs tokens with the development issuer\'s key, which AUTH_JWKS_URL replaces: unset one of them');
    if (clientId) throw new ConfigError('DEV_SIGN_IN=on and EXPLORER_CLIENT_ID name two providers for the explorer: unset one of them');
    if (!isLoopbackOrigin(auth.issuer)) throw new ConfigError(`DEV_SIGN_IN=on serves the development provider at AUTH_ISSUER, which must be http://127.0.0.1:<port> or http://localhost:<port>; got "${auth.issuer}"`);
    return { devSignIn, explorerSignIn: developmentSignIn(auth.issuer) };
  }
  if (!clientId || !domain) return { devSignIn, explorerSignIn: undefined };
  const origin = URL.parse(domain);
  if (origin?.protocol !== 'https:' || origin.origin !== domain) throw new ConfigError(`Environment variable EXPLORER_SIGN_IN_DOMAIN must be the hosted sign-in's https origin, e.g. https://<prefix>.auth.<region>.amazoncognito.com; got "${domain}"`);
  return { devSignIn, explorerSignIn: cognitoSignIn(domain, clientId) };
}

/** The gateway's settings on top of `config`, the shared configuration read from the same `env`. */
export function gatewayConfig(config: Config, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_URL_${name.toUpperCase()}`];
    if (url) subgraphUrls[name] = url;
  }
  const transport = oneOf('SUBGRAPH_TRANSPORT', env.SUBGRAPH_TRANSPORT ?? 'local', ['local', 'http', 'lambda'] as const);
  // Any subgraph of the supergraph, ours or another team's: SUBGRAPH_SIGNED_CONTEXT_<NAME>.
  const unsignedSubgraphs = Object.keys(env).flatMap((variable) => {
    const name = /^SUBGRAPH_SIGNED_CONTEXT_([A-Z0-9_]+)$/.exec(variable)?.[1];
    return name && oneOf(variable, env[variable] ?? '', ['on', 'off'] as const) === 'off' ? [name.toLowerCase()] : [];
  });
  return {
    ...config,
    transport,
    subgraphUrls,
    subgraphFunctions: loadSubgraphFunctions(env, transport),
    externalSubgraphs: loadExternalSubgraphs(env, config),
    subgraphSecrets: loadSubgraphSecrets(env, config),
    anonymousCallers: oneOf('ANONYMOUS_CALLERS', env.ANONYMOUS_CALLERS ?? 'serve', ['serve', 'refuse'] as const),
    unsignedSubgraphs,
    cors: loadCors(env, config),
    warmUpAfterIdleSeconds: integer('SUBGRAPH_WARM_UP_AFTER_IDLE_SECONDS', env.SUBGRAPH_WARM_UP_AFTER_IDLE_SECONDS ?? '300', 0, 3_600),
    ...loadSignIn(env, config),
  };
}

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => gatewayConfig(loadConfig(env), env);
