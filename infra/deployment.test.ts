import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { API_THROTTLE_DEFAULTS, deploymentFromContext } from './deployment.js';

const fromContext = (context: Record<string, string>) => deploymentFromContext(new App({ context }).node);

describe('deploymentFromContext', () => {
  it('keeps one gateway container initialised unless told otherwise', () => {
    expect(fromContext({ app: 'amal' }).gatewayProvisionedConcurrency).toBe(1);
  });

  it('reads the gateway provisioned concurrency from -c gatewayProvisionedConcurrency', () => {
    expect(fromContext({ app: 'amal', gatewayProvisionedConcurrency: '3' }).gatewayProvisionedConcurrency).toBe(3);
  });

  it('refuses a provisioned concurrency that is not a whole number', () => {
    expect(() => fromContext({ app: 'amal', gatewayProvisionedConcurrency: '-1' })).toThrow(
      '-c gatewayProvisionedConcurrency must be a whole number of 0 or more; got "-1"',
    );
  });

  it('throttles the API at the app’s default unless told otherwise', () => {
    expect(fromContext({ app: 'thurayya' }).apiThrottle).toEqual(API_THROTTLE_DEFAULTS.thurayya);
  });

  it('refuses a throttle that would close the API', () => {
    expect(() => fromContext({ app: 'amal', apiThrottleRate: '0' })).toThrow('-c apiThrottleRate must be 1 or more; got "0"');
  });

  it('asks for the app when none is given', () => {
    expect(() => fromContext({})).toThrow('No app given: choose it with -c app=<name>, one of amal, thurayya');
  });
});
