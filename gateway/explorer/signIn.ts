/**
 * How the explorer signs an admin in: OAuth 2.0's authorization code flow with PKCE, as a public
 * client (the page is public, so it holds no secret), against the deployment's user pool or,
 * locally, the development provider (scripts/devSignIn/). The gateway serves these settings to the
 * page at /explorer/settings.json; the page knows nothing else of the provider. Shared with the
 * page's code (ui/), so nothing here may need Node.
 */
export interface ExplorerSignIn {
  /** The explorer's own client of the provider; the gateway accepts its tokens beside the apps'. */
  clientId: string;
  /** Space-separated, as the authorization request takes them. */
  scopes: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Where signing out ends the provider's session too. */
  logoutUrl: string;
  /** The logout URL's parameter naming where to come back: Cognito's `logout_uri`, OpenID Connect's `post_logout_redirect_uri`. */
  logoutReturnParameter: 'logout_uri' | 'post_logout_redirect_uri';
}

/** What /explorer/settings.json holds. */
export interface ExplorerSettings {
  /** null: no provider; admins paste a token. */
  signIn: ExplorerSignIn | null;
}

export const SETTINGS_FILE = 'settings.json';

/** Who signed in (`openid`), their name and email for the page to show; nothing that grants access. */
export const SCOPES = 'openid email profile';

/** A Cognito user pool's hosted sign-in at `domain` (`https://<prefix>.auth.<region>.amazoncognito.com`), its documented endpoints. */
export function cognitoSignIn(domain: string, clientId: string): ExplorerSignIn {
  return {
    clientId,
    scopes: SCOPES,
    authorizationUrl: `${domain}/oauth2/authorize`,
    tokenUrl: `${domain}/oauth2/token`,
    logoutUrl: `${domain}/logout`,
    logoutReturnParameter: 'logout_uri',
  };
}

/** The development provider's client for the explorer (scripts/devSignIn/). */
export const DEV_EXPLORER_CLIENT_ID = 'learning-graph-explorer';

/** The development provider's routes (oidc-provider's own), which it is configured with. */
export const DEV_ROUTES = { authorization: '/auth', token: '/token', end_session: '/session/end' } as const;

/** The development provider at `issuer`. */
export function developmentSignIn(issuer: string): ExplorerSignIn {
  return {
    clientId: DEV_EXPLORER_CLIENT_ID,
    scopes: SCOPES,
    authorizationUrl: `${issuer}${DEV_ROUTES.authorization}`,
    tokenUrl: `${issuer}${DEV_ROUTES.token}`,
    logoutUrl: `${issuer}${DEV_ROUTES.end_session}`,
    logoutReturnParameter: 'post_logout_redirect_uri',
  };
}
