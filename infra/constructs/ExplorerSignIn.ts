import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AppName } from '../../runtime/tenancy.js';
import type { Identity } from './Identity.js';

export interface ExplorerSignInProps {
  readonly identity: Identity;
  readonly app: AppName;
  /** The explorer's own URL (`<api>/explorer`): where a sign-in returns with its code, and a sign-out. */
  readonly explorerUrl: string;
}

/**
 * Admins sign in to the explorer on the user pool's own sign-in page: the pool gets a hosted
 * sign-in domain, and the explorer a client of its own, public (no secret: the page is public)
 * with the authorization code flow (the explorer sends PKCE, gateway/explorer/ui/signIn.ts), whose
 * one callback and sign-out URL is the explorer. Its ID tokens name this client as audience, which
 * the API's authorizer and the gateway accept beside the apps' (EXPLORER_CLIENT_ID).
 */
export class ExplorerSignIn extends Construct {
  readonly domain: cognito.UserPoolDomain;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: ExplorerSignInProps) {
    super(scope, id);
    const { userPool } = props.identity;
    // Unique across AWS per region: the app and the account.
    this.domain = userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: `learning-graph-${props.app}-${Stack.of(this).account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.client = userPool.addClient('Explorer', {
      generateSecret: false,
      // The hosted sign-in alone, and refresh tokens: no password or SRP calls from the page. (An
      // empty object would leave Cognito's defaults, SRP and custom auth included.)
      authFlows: { userSrp: false, userPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.explorerUrl],
        logoutUrls: [props.explorerUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // The ID token names who signed in and carries what the gateway reads; the id and role are never writable.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, preferredUsername: true })
        .withCustomAttributes('user_id', 'role'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true, preferredUsername: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // An admin's working day; the explorer refreshes the hour's token before it expires.
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    props.identity.acceptTokensOf(this.client);
  }

  /** The gateway's EXPLORER_* settings (gateway/config.ts). */
  get environment(): Record<'EXPLORER_CLIENT_ID' | 'EXPLORER_SIGN_IN_DOMAIN', string> {
    return { EXPLORER_CLIENT_ID: this.client.userPoolClientId, EXPLORER_SIGN_IN_DOMAIN: this.domain.baseUrl() };
  }
}
