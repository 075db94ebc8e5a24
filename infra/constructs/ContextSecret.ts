import { SecretValue, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ContextSecretProps {
  /**
   * The version of the secret the functions get. Secrets Manager values reach a function when
   * CloudFormation deploys it, so naming the new version after a rotation is what redeploys them.
   * @default the current version (AWSCURRENT) when the function is deployed
   */
  readonly versionId?: string;
}

/**
 * The HMAC secrets of the signed gateway -> subgraph context, generated into Secrets Manager and in
 * no code or template. The value is CONTEXT_SECRETS as runtime/config.ts reads it: comma-separated,
 * the first signs and all verify, so a rotation is `new,old` until every container has it, then `new`.
 */
export class ContextSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  /** CONTEXT_SECRETS for the functions: a dynamic reference CloudFormation resolves at deploy time. */
  readonly value: string;

  constructor(scope: Construct, id: string, props: ContextSecretProps = {}) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'CONTEXT_SECRETS: HMAC secrets of the gateway -> subgraph context (comma-separated; the first signs)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.value = SecretValue.secretsManager(this.secret.secretArn, { versionId: props.versionId }).unsafeUnwrap();
    // cdk-nag AwsSolutions (infra/stack.test.ts).
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotated by hand in three deploys (docs/DEPLOY.md: the new value accepted, then signing, then alone); a scheduled rotation would replace the value the functions verify with before they were deployed with it, and every signed context would be refused',
    });
  }
}
