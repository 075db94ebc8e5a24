import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { API_THROTTLE_DEFAULTS, CORS_ORIGINS_DEFAULTS, deploymentFromContext } from './deployment.js';

const fromContext = (context: Record<string, unknown>) => deploymentFromContext(new App({ context }).node);

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

  it('lets browsers of the app’s default origins call the API unless told otherwise', () => {
    expect(fromContext({ app: 'amal' }).corsOrigins).toEqual(CORS_ORIGINS_DEFAULTS.amal);
  });

  it('reads the CORS origins from -c corsOrigins, a comma-separated list or a list in cdk.json', () => {
    expect(fromContext({ app: 'amal', corsOrigins: 'https://app.example.com, https://admin.example.com' }).corsOrigins).toEqual(['https://app.example.com', 'https://admin.example.com']);
    expect(fromContext({ app: 'amal', corsOrigins: ['https://app.example.com'] }).corsOrigins).toEqual(['https://app.example.com']);
    expect(fromContext({ app: 'amal', corsOrigins: '' }).corsOrigins).toEqual([]);
  });

  it('refuses a CORS origin that is not exactly an origin', () => {
    expect(() => fromContext({ app: 'amal', corsOrigins: 'https://app.example.com/' })).toThrow(
      '-c corsOrigins must list origins such as https://app.example.com, separated by commas: http or https, a host in lower case, an optional port; no path, trailing slash or wildcard; got "https://app.example.com/"',
    );
    expect(() => fromContext({ app: 'amal', corsOrigins: '*' })).toThrow('got "*"');
  });

  it('asks for the app when none is given', () => {
    expect(() => fromContext({})).toThrow('No app given: choose it with -c app=<name>, one of amal, thurayya');
  });
});
