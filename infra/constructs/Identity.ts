import { Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface IdentityProps {
  /** Let people create their own accounts; off while accounts and roles are provisioned by admins. @default false */
  readonly selfSignUp?: boolean;
}

/**
 * Who may call the API: a Cognito user pool and the app's client. ID tokens carry the user's id in
 * the app's database as `custom:user_id` (Cognito's own `sub` is a UUID) and the role as
 * `custom:role` (gateway/auth/authenticate.ts). Only an administrator can set either: the client
 * may read them but not write them, or any user could become ADMIN, or someone else.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  /** The apps' client. */
  readonly client: cognito.UserPoolClient;
  /** The `iss` of the pool's tokens; the API's authorizer and the gateway check the same value. */
  readonly issuer: string;
  /** Every client whose tokens the API takes: the apps', then those added (acceptTokensOf). */
  private readonly clients: cognito.UserPoolClient[];

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: props.selfSignUp ?? false,
      signInAliases: { username: true, email: true },
      customAttributes: {
        user_id: new cognito.StringAttribute({ mutable: false }),
        role: new cognito.StringAttribute({ mutable: true }),
      },
      // Cognito's own default, stated so it cannot change unseen: 8 characters of all four kinds.
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(7) },
      // Anyone may add an authenticator app (admins should: they see every child); no SMS, which would need an SNS role and a sender.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // cdk-nag AwsSolutions (infra/stack.test.ts).
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional, not required: most accounts are children\'s and families\' on shared tablets, with no phone or authenticator of their own. Cognito cannot require it for one role only; admins enrol an authenticator app (docs/DEPLOY.md)',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'Essentials tier: the Plus tier\'s threat protection is billed per monthly active user, nearly all of them children whose accounts admins provision (no self sign-up). A pricing decision left to the product owner (docs/DEPLOY.md, cdk-nag)',
      },
    );
    this.client = this.userPool.addClient('Apps', {
      authFlows: { userSrp: true },
      // The apps sign in with SRP; left on, the hosted sign-in (infra/constructs/ExplorerSignIn.ts)
      // would run CDK's default OAuth flows for this client, implicit grant to https://example.com included.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true, preferredUsername: true })
        .withCustomAttributes('user_id', 'role'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true, locale: true, preferredUsername: true }),
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.clients = [this.client];
  }

  /**
   * The ids of every client whose tokens the API takes (`aud` of ID tokens, `client_id` of access
   * tokens). Lazy: the explorer's client is added after the API is made, whose URL it returns to.
   */
  get audiences(): string[] {
    return Lazy.list({ produce: () => this.clients.map((client) => client.userPoolClientId) });
  }

  /** The API's authorizer takes tokens of `client` too. */
  acceptTokensOf(client: cognito.UserPoolClient): void {
    this.clients.push(client);
  }

  /** AUTH_* for the gateway (runtime/config.ts). The audience is the client: Cognito ID tokens name it in `aud`. */
  get authEnvironment(): Record<'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL', string> {
    return {
      AUTH_ISSUER: this.issuer,
      AUTH_AUDIENCE: this.client.userPoolClientId,
      AUTH_JWKS_URL: `${this.issuer}/.well-known/jwks.json`,
    };
  }
}
