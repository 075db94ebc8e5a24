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

  it('serves the API on its execute-api URL unless given a domain of its own', () => {
    expect(fromContext({ app: 'amal' }).customDomain).toBeUndefined();
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    expect(fromContext({ app: 'amal', apiDomain: 'api.amal.example.com', apiCertificateArn: certificateArn }).customDomain).toEqual({ domainName: 'api.amal.example.com', certificateArn });
  });

  it.each([
    { name: 'a domain without its certificate', context: { apiDomain: 'api.amal.example.com' }, says: '-c apiDomain and -c apiCertificateArn go together' },
    { name: 'a URL for a host name', context: { apiDomain: 'https://api.amal.example.com/', apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' }, says: '-c apiDomain must be a host name' },
    { name: 'a certificate that is no ACM ARN', context: { apiDomain: 'api.amal.example.com', apiCertificateArn: 'my-certificate' }, says: '-c apiCertificateArn must be an ACM certificate ARN; got "my-certificate"' },
  ])('refuses $name', ({ context, says }) => {
    expect(() => fromContext({ app: 'amal', ...context })).toThrow(says);
  });

  it('asks for the app when none is given', () => {
    expect(() => fromContext({})).toThrow('No app given: choose it with -c app=<name>, one of amal, thurayya');
  });

  it('deploys today’s topology unless told otherwise: subgraph functions on Lambda’s fleet, warmed by the warmer', () => {
    expect(fromContext({ app: 'amal' })).toMatchObject({
      subgraphs: 'functions',
      compute: 'on-demand',
      subgraphWarmth: 'warmer',
      warmerConcurrency: 3,
      gatewayProvisionedConcurrency: 1,
      schoolHours: { timeZone: 'Asia/Riyadh', days: 'SUN-THU', opensAt: { hour: 5, minute: 30 }, closesAt: { hour: 15, minute: 0 } },
    });
  });

  it('refuses a subgraph topology it does not know', () => {
    expect(() => fromContext({ app: 'amal', subgraphs: 'lambda' })).toThrow('-c subgraphs must be one of functions, inline; got "lambda"');
  });

  it('refuses a compute or a warmth it does not know', () => {
    expect(() => fromContext({ app: 'amal', compute: 'spot' })).toThrow('-c compute must be one of on-demand, managed; got "spot"');
    expect(() => fromContext({ app: 'amal', subgraphWarmth: 'hot' })).toThrow('-c subgraphWarmth must be one of none, provisioned, warmer; got "hot"');
  });

  it('warms nothing by default where there is no subgraph function to warm', () => {
    expect(fromContext({ app: 'amal', subgraphs: 'inline' }).subgraphWarmth).toBe('none');
    expect(fromContext({ app: 'amal', compute: 'managed' }).subgraphWarmth).toBe('none');
  });

  it.each(['provisioned', 'warmer'])('refuses -c subgraphWarmth=%s with the subgraphs inline', (warmth) => {
    expect(() => fromContext({ app: 'amal', subgraphs: 'inline', subgraphWarmth: warmth })).toThrow(`-c subgraphWarmth=${warmth} warms subgraph functions, and -c subgraphs=inline has none`);
  });

  it.each(['provisioned', 'warmer'])('refuses -c subgraphWarmth=%s on managed instances', (warmth) => {
    expect(() => fromContext({ app: 'amal', compute: 'managed', subgraphWarmth: warmth })).toThrow(`-c subgraphWarmth=${warmth} does not apply to -c compute=managed`);
  });

  it('keeps no gateway container provisioned on managed instances, and refuses one asked for', () => {
    expect(fromContext({ app: 'amal', compute: 'managed' }).gatewayProvisionedConcurrency).toBe(0);
    expect(() => fromContext({ app: 'amal', compute: 'managed', gatewayProvisionedConcurrency: '2' })).toThrow('-c gatewayProvisionedConcurrency=2 does not apply to -c compute=managed');
  });

  it('refuses a warmth or compute setting given where it has no effect', () => {
    expect(() => fromContext({ app: 'amal', subgraphProvisionedConcurrency: '2' })).toThrow('-c subgraphProvisionedConcurrency applies only with -c subgraphWarmth=provisioned');
    expect(() => fromContext({ app: 'amal', subgraphWarmth: 'provisioned', warmerConcurrency: '2' })).toThrow('-c warmerConcurrency applies only with -c subgraphWarmth=warmer');
    expect(() => fromContext({ app: 'amal', managedConcurrency: '8' })).toThrow('-c managedConcurrency applies only with -c compute=managed');
    expect(() => fromContext({ app: 'amal', subgraphWarmth: 'none', schoolTimeZone: 'Asia/Dubai' })).toThrow('-c schoolTimeZone applies only with -c subgraphWarmth=provisioned or warmer');
  });

  it('reads the school hours from -c schoolTimeZone, -c schoolDays and -c schoolHours', () => {
    expect(fromContext({ app: 'amal', schoolTimeZone: 'Europe/London', schoolDays: 'mon-fri', schoolHours: '07:15-16:00' }).schoolHours).toEqual({
      timeZone: 'Europe/London', days: 'MON-FRI', opensAt: { hour: 7, minute: 15 }, closesAt: { hour: 16, minute: 0 },
    });
  });

  it('refuses school hours it cannot schedule', () => {
    expect(() => fromContext({ app: 'amal', schoolTimeZone: 'Mars/Olympus' })).toThrow('-c schoolTimeZone must be an IANA time zone such as Asia/Riyadh; got "Mars/Olympus"');
    expect(() => fromContext({ app: 'amal', schoolDays: 'SUN-FUN' })).toThrow('-c schoolDays must be a range or a comma-separated list of SUN, MON, TUE, WED, THU, FRI, SAT');
    expect(() => fromContext({ app: 'amal', schoolHours: '15:00-05:30' })).toThrow('-c schoolHours must be HH:MM-HH:MM in the school time zone, opening before closing (05:30-15:00); got "15:00-05:30"');
  });

  it('refuses more warm-ups per ping than the gateway sends, and more concurrency than a managed environment takes', () => {
    expect(() => fromContext({ app: 'amal', warmerConcurrency: '21' })).toThrow('-c warmerConcurrency must be at most 20');
    expect(() => fromContext({ app: 'amal', compute: 'managed', managedConcurrency: '2000' })).toThrow('-c managedConcurrency must be at most 1600');
  });
});
