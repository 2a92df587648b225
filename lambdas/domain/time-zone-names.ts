import { ValidationError } from './errors.js';
import { isValidTimeZone } from './zoned-time.js';

/**
 * Names the runtime accepts that are an hour off part of the year for the places people mean by them: fixed
 * offsets (`EST` is UTC−5 all year) and the POSIX-style legacy zones. Each with the IANA names to use instead.
 * Abbreviations that are no zone at all (`PST`, `CEST`) get the same help.
 */
const USE_INSTEAD: Readonly<Record<string, string>> = {
  EST: 'America/New_York (US Eastern, with daylight saving time) or America/Panama (UTC−5 all year)',
  EDT: 'America/New_York',
  CST: 'America/Chicago (US Central) or Asia/Shanghai (China)',
  CDT: 'America/Chicago',
  MST: 'America/Denver (US Mountain, with daylight saving time) or America/Phoenix (Arizona, UTC−7 all year)',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  AKST: 'America/Anchorage',
  EST5EDT: 'America/New_York',
  CST6CDT: 'America/Chicago',
  MST7MDT: 'America/Denver',
  PST8PDT: 'America/Los_Angeles',
  CET: 'Europe/Berlin, Europe/Paris or the city nearest you',
  CEST: 'Europe/Berlin, Europe/Paris or the city nearest you',
  MET: 'Europe/Berlin, Europe/Paris or the city nearest you',
  EET: 'Europe/Athens, Europe/Helsinki or the city nearest you',
  WET: 'Europe/Lisbon',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata (India) or Europe/Dublin (Ireland)',
  JST: 'Asia/Tokyo',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
};

/** `Etc/GMT+5` and friends: fixed offsets whose sign is the reverse of what they look like. */
const ETC_OFFSET = /^etc\/gmt([+-])(\d{1,2})$/i;

let zoneNames: readonly string[] | undefined;
/** Every IANA zone the runtime knows, plus the UTC names it leaves out of the list. */
function knownZones(): readonly string[] {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'];
  return zoneNames;
}

const cityOf = (zone: string) => (zone.split('/').pop() ?? zone).toLowerCase();
const asCity = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Up to three IANA names for what looks like a city or a zone written differently (`Berlin`, `new york`). */
export function timeZoneSuggestions(input: string): string[] {
  const wanted = asCity(input.split('/').pop() ?? input);
  if (wanted.length < 3) return [];
  const zones = knownZones().filter((zone) => zone.includes('/'));
  const exact = zones.filter((zone) => cityOf(zone) === wanted);
  const found = exact.length > 0 ? exact : zones.filter((zone) => cityOf(zone).includes(wanted));
  return found.slice(0, 3);
}

const problem = (message: string) =>
  new ValidationError('The schedule is not valid.', [{ path: 'schedule.timezone', message }]);

/** Why `input` cannot be a job's time zone, with what to write instead; undefined when it can be. */
export function timeZoneProblem(input: string): string | undefined {
  const instead = USE_INSTEAD[input.toUpperCase()];
  if (instead) {
    return `'${input}' is an abbreviation or a fixed offset, not the time of a place: it would be an hour off for part of the year. Use an IANA name such as ${instead}.`;
  }
  const offset = ETC_OFFSET.exec(input);
  if (offset && Number(offset[2]) !== 0) {
    const utc = `UTC${offset[1] === '+' ? '−' : '+'}${Number(offset[2])}`;
    return `'${input}' is a fixed offset (${utc}: the sign in Etc/GMT names is reversed) with no daylight saving time. Use the IANA name of a place (e.g. America/New_York, Asia/Kolkata), or UTC.`;
  }
  if (isValidTimeZone(input)) return undefined;
  const suggestions = timeZoneSuggestions(input);
  return suggestions.length > 0
    ? `'${input}' is not an IANA time zone name. Did you mean ${suggestions.map((zone) => `'${zone}'`).join(' or ')}?`
    : `'${input}' is not an IANA time zone name (Area/City, e.g. Europe/Berlin, America/New_York, or UTC).`;
}

/**
 * The time zone a new or edited job is stored with: an IANA name in its canonical spelling (`europe/berlin`
 * becomes `Europe/Berlin`), never an abbreviation or a fixed offset. Throws a ValidationError that says what
 * to write instead. Jobs stored before keep their zone (the executor never re-checks it).
 */
export function canonicalTimeZone(input: string): string {
  const reason = timeZoneProblem(input);
  if (reason) throw problem(reason);
  const lower = input.toLowerCase();
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
  // Only the spelling changes: an alias (Asia/Calcutta) stays the zone its owner named.
  if (resolved.toLowerCase() === lower) return resolved;
  return knownZones().find((zone) => zone.toLowerCase() === lower) ?? input;
}
