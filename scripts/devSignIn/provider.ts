/**
 * The development sign-in: an OpenID Connect provider (oidc-provider) that `npm start` serves on
 * 127.0.0.1, so the explorer signs an admin in locally as it does against the user pool: the
 * authorization code flow with PKCE for a public client, refresh tokens, and ID tokens that the
 * gateway verifies as it verifies Cognito's (this provider's JWKS and issuer, the explorer's client
 * as audience, `custom:user_id` and `custom:role`; scripts/devSignIn/accounts.ts).
 *
 * Threat model: development only. Whoever reaches it signs in as any demo person, the admin too,
 * with the demo password, and it signs with the development issuer's key (so `npm run token`'s
 * tokens and its own are one issuer's). It listens on the loopback interface alone; the
 * configuration refuses it in production (DEV_SIGN_IN, gateway/config.ts) and no Lambda bundle
 * holds it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { devIssuerKey } from '../../gateway/auth/devIssuer.js';
import { DEV_EXPLORER_CLIENT_ID, DEV_ROUTES, SCOPES } from '../../gateway/explorer/signIn.js';
import { ConfigError } from '../../runtime/config.js';
import { accountIdOf, CLAIMS_BY_SCOPE, claimsOf, DEMO_PASSWORD, demoPersonNamed, demoPersonWithAccountId } from './accounts.js';
import { errorPage, loginPage, logoutPage, signedOutPage } from './pages.js';

export interface DevSignInOptions {
  /** Its issuer, `http://127.0.0.1:<port>` (gateway/config.ts checks AUTH_ISSUER); it listens on that port. */
  issuer: string;
  /** The development issuer's key file (DEV_ISSUER_KEY_FILE). */
  keyFile: string;
  /** The explorer's URLs (`http://127.0.0.1:4000/explorer`): where a sign-in returns with its code, and a sign-out. */
  explorerUrls: string[];
  /**
   * Seconds an ID (and access) token and a refresh token last.
   * @default { token: 3600, refresh: 43200 }, what the stack gives the user pool's explorer client
   */
  lifetimes?: { token: number; refresh: number };
}

export interface RunningDevSignIn {
  issuer: string;
  close(): Promise<void>;
}

const CLIENT_NAME = 'the Learning graph explorer';

export async function serveDevSignIn({ issuer, keyFile, explorerUrls, lifetimes = { token: 3600, refresh: 43_200 } }: DevSignInOptions): Promise<RunningDevSignIn> {
  const provider = new Provider(issuer, configuration({ explorerUrls, lifetimes, key: await devIssuerKey(keyFile) }));
  const serveProtocol = provider.callback();
  const server = createServer((request, response) => {
    const uid = /^\/interaction\/([\w-]+)$/.exec(new URL(request.url ?? '/', issuer).pathname)?.[1];
    if (!uid) return serveProtocol(request, response);
    signIn(provider, uid, request, response).catch(() => send(response, 400, errorPage({ error: 'This sign-in has expired: start again from the explorer.' })));
  });
  const { hostname, port } = new URL(issuer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`The development sign-in cannot listen at ${issuer} (${error.code ?? error.message}): set AUTH_ISSUER to a free port, or DEV_SIGN_IN=off`)));
    server.listen(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, resolve);
  });
  return {
    issuer,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function configuration({ explorerUrls, lifetimes, key }: Required<Pick<DevSignInOptions, 'explorerUrls' | 'lifetimes'>> & { key: object }): Configuration {
  const origins = new Set(explorerUrls.map((url) => new URL(url).origin));
  return {
    clients: [{
      client_id: DEV_EXPLORER_CLIENT_ID,
      client_name: CLIENT_NAME,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: explorerUrls,
      post_logout_redirect_uris: explorerUrls,
      id_token_signed_response_alg: 'ES256',
    }],
    jwks: { keys: [key] },
    routes: { ...DEV_ROUTES },
    scopes: SCOPES.split(' '),
    claims: CLAIMS_BY_SCOPE,
    // As the user pool's: the ID token carries the claims of its scopes, not only `sub`.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const person = demoPersonWithAccountId(sub);
      return person && { accountId: sub, claims: () => claimsOf(person) };
    },
    // The explorer is the deployment's own client: no consent screen, as the user pool shows none.
    async loadExistingGrant(ctx) {
      const { client, session, result, provider } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client && session?.grantIdFor(client.clientId));
      if (grantId) return provider.Grant.find(grantId);
      if (!client || !session?.accountId) return undefined;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
    // As the user pool: every code exchange gets a refresh token, which is not rotated.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    pkce: { required: () => true },
    ttl: {
      IdToken: lifetimes.token,
      AccessToken: lifetimes.token,
      RefreshToken: lifetimes.refresh,
      Grant: lifetimes.refresh,
      Session: lifetimes.refresh,
      AuthorizationCode: 60,
      Interaction: 600,
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => html(ctx, logoutPage(form)),
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => html(ctx, signedOutPage()),
      },
    },
    renderError: (ctx, out) => html(ctx, errorPage(out)),
  };
}

function html(ctx: KoaContextWithOIDC, body: string): void {
  ctx.type = 'html';
  ctx.body = body;
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

/** The sign-in page of an authorization request (`uid`): GET shows the form, POST checks it and lets the request go on. */
async function signIn(provider: Provider, uid: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error('Not this interaction');
  const action = `/interaction/${uid}`;
  if (request.method !== 'POST') return send(response, 200, loginPage({ action, clientName: CLIENT_NAME }));
  const form = new URLSearchParams(await readBody(request));
  const username = form.get('username') ?? '';
  const person = demoPersonNamed(username);
  if (!person || form.get('password') !== DEMO_PASSWORD) {
    return send(response, 401, loginPage({ action, clientName: CLIENT_NAME, username, error: 'No demo person has this username and password.' }));
  }
  await provider.interactionFinished(request, response, { login: { accountId: accountIdOf(person) } }, { mergeWithLastSubmission: false });
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) throw new Error('Too long for a sign-in form');
  }
  return body;
}
