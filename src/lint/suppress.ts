/**
 * Turning a rule off for one resource or one template, the way cfn-lint does with
 * `Metadata: { cfn-lint: { config: { ignore_checks: [...] } } }`:
 *
 * ```yaml
 * Resources:
 *   Balancer:
 *     Type: AWS::ElasticLoadBalancingV2::LoadBalancer
 *     Metadata:
 *       fargate-oidc:
 *         ignore_rules: [FO201]      # this resource only
 *         reason: "We need HTTPS on a custom domain; $16/month accepted."
 * Metadata:                          # top level: the whole template
 *   fargate-oidc:
 *     ignore_rules: [FO210]
 * ```
 *
 * Ids are exact (`FO201`) or a prefix ending in `*` (`FO2*` = every cost rule). A finding
 * whose path is inside `Resources.<id>` is suppressed by that resource's list; every finding
 * is suppressed by the template's list. cfn-lint's own findings follow cfn-lint's metadata.
 */
import type { JsonObject, JsonPath } from './types';
import { isObject } from './types';

/** The Metadata key that holds our settings. */
export const METADATA_KEY = 'fargate-oidc';

function ignoreList(metadata: unknown): string[] {
  if (!isObject(metadata)) return [];
  const ours = metadata[METADATA_KEY];
  if (!isObject(ours)) return [];
  const list = ours['ignore_rules'];
  if (typeof list === 'string') return [list];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

function matches(patterns: string[], rule: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? rule.startsWith(p.slice(0, -1)) : p === rule));
}

/** True when `rule` is turned off at `path` by the template's or the resource's Metadata. */
export function isSuppressed(template: JsonObject, rule: string, path: JsonPath): boolean {
  if (matches(ignoreList(template['Metadata']), rule)) return true;
  if (path[0] !== 'Resources' || typeof path[1] !== 'string') return false;
  const resources = template['Resources'];
  const resource = isObject(resources) ? resources[path[1]] : undefined;
  return isObject(resource) && matches(ignoreList(resource['Metadata']), rule);
}
