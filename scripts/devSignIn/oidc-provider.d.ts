/**
 * The part of oidc-provider 9 that the development sign-in uses. The package ships no types, and
 * DefinitelyTyped's describe an older major version.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Client {
    clientId: string;
    grantTypeAllowed(type: string): boolean;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface GrantModel {
    new (properties: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  /** The request context oidc-provider passes to its configuration's functions (a Koa context). */
  export interface KoaContextWithOIDC {
    type: string;
    status: number;
    body: string;
    host: string;
    oidc: {
      client?: Client;
      provider: Provider;
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
    };
  }

  export interface ClientMetadata {
    client_id: string;
    client_name?: string;
    token_endpoint_auth_method: 'none';
    grant_types: string[];
    response_types: string[];
    redirect_uris: string[];
    post_logout_redirect_uris: string[];
    id_token_signed_response_alg: string;
  }

  export interface Configuration {
    clients: ClientMetadata[];
    jwks: { keys: object[] };
    findAccount(ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined>;
    claims: Record<string, string[] | null>;
    scopes: string[];
    conformIdTokenClaims: boolean;
    loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined>;
    issueRefreshToken(ctx: KoaContextWithOIDC, client: Client): Promise<boolean> | boolean;
    rotateRefreshToken: boolean;
    clientBasedCORS(ctx: KoaContextWithOIDC, origin: string, client: Client): boolean;
    pkce: { required(ctx: KoaContextWithOIDC, client: Client): boolean };
    ttl: Record<'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'RefreshToken' | 'Interaction' | 'Session' | 'Grant', number>;
    cookies: { keys: string[] };
    routes: Record<string, string>;
    interactions: { url(ctx: KoaContextWithOIDC, interaction: { uid: string }): string | Promise<string> };
    features: {
      devInteractions: { enabled: boolean };
      rpInitiatedLogout: {
        enabled: boolean;
        logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> | void;
        postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> | void;
      };
    };
    renderError(ctx: KoaContextWithOIDC, out: Record<string, string>, error: Error): Promise<void> | void;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id?: string; scope?: string };
    session?: { accountId: string };
    grantId?: string;
  }

  export interface InteractionResult {
    login?: { accountId: string };
    consent?: { grantId: string };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: GrantModel;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
