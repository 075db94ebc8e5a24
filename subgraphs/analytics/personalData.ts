/**
 * The only person an analytics event may name is the signed-in user, by id. Attributes are free
 * text from the app, so they are the one place a child's name, a parent's phone number or a
 * location could slip into the rollups and the lake (kept for a year, read by many). These checks
 * refuse keys that name personal details and values shaped like contact or network identifiers.
 * They are a net, not a proof: the attribute allowlist of the app's own code is the first line.
 */

/** Words that, as a whole word of a key (camelCase or snake_case), name personal data. */
const PERSONAL_KEY_WORDS = new Set([
  'name', 'firstname', 'lastname', 'fullname', 'nickname', 'username', 'email', 'mail', 'phone', 'mobile', 'tel',
  'address', 'street', 'postcode', 'zip', 'city', 'birth', 'birthday', 'birthdate', 'dob', 'age',
  'location', 'geo', 'gps', 'lat', 'lng', 'lon', 'latitude', 'longitude', 'ip',
  'device', 'deviceid', 'idfa', 'idfv', 'gaid', 'advertising', 'user', 'userid', 'child', 'parent', 'student', 'teacher',
  'password', 'token', 'passport', 'national',
]);

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
/** Seven or more digits, allowing the separators people type in phone numbers. */
const PHONE = /(?:\+?\d[\s().-]*){7,}/;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;
const IPV6 = /\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){3,7}\b/i;

const keyWords = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/).filter(Boolean);

/** The reason `key` names personal data, or null. */
export function personalKey(key: string): string | null {
  const word = keyWords(key).find((w) => PERSONAL_KEY_WORDS.has(w));
  return word === undefined ? null : `names personal data ("${word}")`;
}

/** The reason `value` looks like personal data, or null. */
export function personalValue(value: string): string | null {
  if (EMAIL.test(value)) return 'looks like an email address';
  if (IPV4.test(value) || IPV6.test(value)) return 'looks like an IP address';
  if (PHONE.test(value)) return 'looks like a phone number (7 or more digits)';
  return null;
}
