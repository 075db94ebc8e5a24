/** `npm run token -- --user <id> --role <STUDENT|PARENT|TEACHER|ADMIN>`: a development token for the local gateway. */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../runtime/security/signedContext.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { configOrExit, exitWith } from './cli.js';

const { values } = parseArgs({ options: { user: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string', default: '12h' } } });
const role = values.role?.toUpperCase();
if (!values.user || !/^\d+$/.test(values.user) || !(ROLES as readonly string[]).includes(role ?? '')) {
  exitWith(`Usage: npm run token -- --user <numeric id> --role <${ROLES.join('|')}> [--expires 12h]
Demo users: 1 admin, 2 parent (children 3 and 4), 5 teacher (classroom 1), 3 student.`);
}
const { auth } = configOrExit();
if (auth.jwksUrl) exitWith('AUTH_JWKS_URL is set: tokens come from that issuer, not the development one.');
const issuer = await loadDevIssuer(auth.devIssuerKeyFile, auth.issuer, auth.audience);
console.log(await issuer.mint({ userId: values.user, role: role as Role, expiresIn: values.expires }));
