/** The CDK app (cdk.json): one LearningGraphStack for the app named with `-c app=<name>`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LAMBDA_BUNDLES } from './bundles.js';
import { DeploymentError, deploymentFromContext, stackName, type Deployment } from './deployment.js';
import { LearningGraphStack } from './stack.js';

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

const app = new App();
// cdk-nag's AwsSolutions rules: synth (and so deploy) stops on a finding no construct acknowledges with its reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
let deployment: Deployment;
try {
  deployment = deploymentFromContext(app.node);
} catch (error) {
  if (error instanceof DeploymentError) exitWith(error.message);
  throw error;
}

const bundleDir = fileURLToPath(new URL('../dist/', import.meta.url));
const missing = Object.keys(LAMBDA_BUNDLES).filter((name) => !existsSync(join(bundleDir, name, 'index.mjs')));
if (missing.length > 0) exitWith(`No built bundle for ${missing.join(', ')} in dist/: run \`npm run build\` first (\`npm run synth\` does).`);

// No env: the stack is environment-agnostic, so synth needs no AWS account; deploy uses the CLI's.
new LearningGraphStack(app, stackName(deployment.app), {
  ...deployment,
  bundleDir,
  description: `Learning graph backend of the ${deployment.app} app`,
  terminationProtection: true,
});
app.synth();
