/**
 * Rules on trust policies that let GitHub Actions assume a role through OIDC
 * (`sts:AssumeRoleWithWebIdentity` from `token.actions.githubusercontent.com`).
 *
 * The `sub` claim is `repo:OWNER/REPO:ref:refs/heads/BRANCH`, `…:ref:refs/tags/TAG`,
 * `…:environment:NAME` or `…:pull_request` (GitHub's OIDC reference); repositories with
 * immutable claims send `repo:OWNER@ID/REPO@ID:…`. Under `StringLike`, `*` and `?` are
 * wildcards; under `StringEquals` they are literal characters. A parameter whose default
 * holds a wildcard is read as that default (what a stack created with defaults trusts).
 */
import { globToRegExp } from '../iam-data';
import { alternatives, listItems, parametersOf, referencedResource, textOf, type Located } from '../intrinsics';
import { textAt, type ConditionTest, type PolicyStatement } from '../policy';
import { isObject, type JsonObject } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

/** GitHub's OIDC issuer host, the prefix of its condition keys. */
export const GITHUB_HOST = 'token.actions.githubusercontent.com';
/** The audience `aws-actions/configure-aws-credentials` requests by default. */
export const GITHUB_AUDIENCE = 'sts.amazonaws.com';

const AUD = `${GITHUB_HOST}:aud`;
const SUB = `${GITHUB_HOST}:sub`;

const isPositive = (test: ConditionTest): boolean => !/Not/.test(test.operator);
const isLike = (test: ConditionTest): boolean => /Like/.test(test.operator);

function trustsGitHub(st: PolicyStatement, template: JsonObject): boolean {
  if (st.kind !== 'trust' || st.effect !== 'Allow') return false;
  const assumes = st.actions.some((a) => {
    const t = textAt(a);
    return t !== undefined && globToRegExp(t).test('sts:AssumeRoleWithWebIdentity');
  });
  if (!assumes) return false;
  if (st.conditions.some((c) => c.key.toLowerCase().startsWith(GITHUB_HOST))) return true;
  const principal = st.principal?.value;
  const federated = isObject(principal) ? principal['Federated'] : undefined;
  if (federated === undefined) return false;
  return alternatives({ value: federated, path: [] }).some(({ value }) => {
    if (textOf(value)?.includes(GITHUB_HOST)) return true;
    const target = referencedResource(value, template);
    const url = target && isObject(target[1]['Properties']) ? target[1]['Properties']['Url'] : undefined;
    return target?.[1]['Type'] === 'AWS::IAM::OIDCProvider' && url !== undefined && (textOf(url) ?? '').includes(GITHUB_HOST);
  });
}

/**
 * Why a `sub` value is too broad, or undefined when it names one repository and a ref or
 * environment. `wildcards`: whether `*`/`?` are wildcards (a `…Like` operator).
 */
export function subProblem(sub: string, wildcards: boolean): string | undefined {
  const wild = (s: string): boolean => wildcards && /[*?]/.test(s);
  const admits = (pattern: string, value: string): boolean => (wildcards ? globToRegExp(pattern).test(value) : pattern === value);
  if (!sub.startsWith('repo:')) {
    return wild(sub.slice(0, 5)) ? `"${sub}" admits every repository on GitHub. Use repo:OWNER/REPO:ref:refs/heads/BRANCH.` : undefined;
  }
  const rest = sub.slice('repo:'.length);
  const slash = rest.indexOf('/');
  const owner = slash < 0 ? rest : rest.slice(0, slash);
  if (slash < 0 || wild(owner)) {
    return `"${sub}" does not name the repository's owner, so workflows of other owners' repositories can assume the role. Use repo:OWNER/REPO:ref:refs/heads/BRANCH.`;
  }
  const after = rest.slice(slash + 1);
  const colon = after.indexOf(':');
  const repo = colon < 0 ? after : after.slice(0, colon);
  const suffix = colon < 0 ? '' : after.slice(colon);
  if (wild(repo)) {
    return `"${sub}" admits every repository of ${owner} matching "${repo}", not one. Name the repository: repo:${owner}/REPO:ref:refs/heads/BRANCH.`;
  }
  if (admits(suffix, ':pull_request')) {
    return `"${sub}" admits pull_request tokens, so a pull request's workflow can assume the role. Name the deploy branch (:ref:refs/heads/main) or environment instead.`;
  }
  if (admits(suffix, ':environment:any-environment-0xfo')) {
    return `"${sub}" admits every GitHub environment of the repository. Name the environment (:environment:production).`;
  }
  if (wildcards && admits(suffix, ':ref:refs/heads/any-branch-0xfo')) {
    return `"${sub}" admits every branch of the repository. Name the deploy branch (:ref:refs/heads/main).`;
  }
  return undefined;
}

/**
 * The text of a sub or aud value as deployed with default parameters, as far as it matters:
 * `${Param}` is replaced by the parameter's default when that default holds a wildcard (the
 * only way a parameter can widen the pattern); other variables stay opaque.
 */
function claimText(node: Located, template: JsonObject): string | undefined {
  const params = parametersOf(template);
  return textAt(node)?.replace(/\$\{([A-Za-z0-9]+)\}/g, (whole, name: string) => {
    const param = params[name];
    const fallback = isObject(param) ? param['Default'] : undefined;
    return typeof fallback === 'string' && /[*?]/.test(fallback) ? fallback : whole;
  });
}

/**
 * A GitHub issuer's condition key: `token.actions.githubusercontent.com:sub`, or with GitHub
 * Enterprise Cloud's customized issuer `token.actions.githubusercontent.com/<enterprise>:sub`
 * (GitHub docs, "Switching to a unique token URL"). Groups: issuer, claim.
 */
const GITHUB_KEY = /^(token\.actions\.githubusercontent\.com(?:\/[^:/]+)?):([a-z_]+)$/i;

/** The positive tests of a claim (`aud`, `sub`) under any GitHub issuer. */
const positiveTests = (st: PolicyStatement, claim: 'aud' | 'sub'): ConditionTest[] =>
  st.conditions.filter((c) => isPositive(c) && GITHUB_KEY.exec(c.key)?.[2]?.toLowerCase() === claim);

/** The issuer a statement's GitHub keys name (the enterprise's, if any), for advice. */
const issuerOf = (st: PolicyStatement): string =>
  st.conditions.map((c) => GITHUB_KEY.exec(c.key)?.[1]).find((i): i is string => i !== undefined) ?? GITHUB_HOST;

function checkFO110(st: PolicyStatement): RuleReport[] {
  const missing = [positiveTests(st, 'aud').length === 0 ? 'aud' : '', positiveTests(st, 'sub').length === 0 ? 'sub' : ''].filter(Boolean);
  const issuer = issuerOf(st);
  if (missing.length === 0) return [];
  return [
    {
      path: st.conditions.length > 0 ? [...st.path, 'Condition'] : st.path,
      message:
        `GitHub OIDC trust without ${missing.map((m) => (m === 'aud' ? 'an aud' : 'a sub')).join(' or ')} condition: ` +
        (missing.includes('sub') ? 'any repository on GitHub can assume this role. ' : 'tokens minted for other audiences are accepted. ') +
        `Add StringEquals { ${issuer}:aud: ${GITHUB_AUDIENCE} } and ${issuer}:sub: repo:OWNER/REPO:ref:refs/heads/BRANCH.`,
    },
  ];
}

function checkFO111(st: PolicyStatement): RuleReport[] {
  return st.conditions
    .filter((test) => test.operator.startsWith('ForAllValues:'))
    .map((test) => ({
      path: test.path,
      message: `${test.operator} is true when the token lacks the claim, so it grants more than it seems. Use StringEquals or StringLike (single-valued claims).`,
    }));
}

function checkFO112(st: PolicyStatement, template: JsonObject): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const test of positiveTests(st, 'sub')) {
    for (const v of test.values) {
      const text = claimText(v, template);
      const problem = text === undefined ? undefined : subProblem(text, isLike(test));
      const viaDefault = text !== textAt(v);
      if (problem) hits.push({ path: v.path, message: viaDefault ? `With default parameters, ${problem}` : problem });
    }
  }
  return hits;
}

function checkAudience(st: PolicyStatement): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const test of positiveTests(st, 'aud')) {
    for (const v of test.values) {
      const text = textAt(v);
      if (text === undefined || text.includes('${')) continue;
      if (text !== GITHUB_AUDIENCE || (isLike(test) && /[*?]/.test(text))) {
        hits.push({
          path: v.path,
          message: `Audience "${text}" is not ${GITHUB_AUDIENCE}, the audience configure-aws-credentials requests: assuming the role fails with "Incorrect token audience" (or accepts tokens meant for others). Use ${GITHUB_AUDIENCE}.`,
        });
      }
    }
  }
  return hits;
}

/** A GitHub OIDC provider resource must list the audience the trust policies test. */
function checkProviders(ctx: RuleContext): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const [id, resource] of ctx.resources) {
    const props = resource['Properties'];
    if (resource['Type'] !== 'AWS::IAM::OIDCProvider' || !isObject(props)) continue;
    if (!(textOf(props['Url'] ?? null) ?? '').includes(GITHUB_HOST)) continue;
    const path = ['Resources', id, 'Properties', 'ClientIdList'];
    const clients = props['ClientIdList'];
    const texts = clients === undefined ? [] : listItems({ value: clients, path }).map((c) => textOf(c.value));
    if (texts.some((t) => t === undefined || t.includes('${'))) continue; // set by a parameter: cannot tell
    if (!texts.includes(GITHUB_AUDIENCE)) {
      hits.push({
        path: clients === undefined ? ['Resources', id] : path,
        message: `The GitHub OIDC provider's ClientIdList does not include ${GITHUB_AUDIENCE}, so tokens from configure-aws-credentials are rejected ("Incorrect token audience"). Set ClientIdList: [${GITHUB_AUDIENCE}].`,
      });
    }
  }
  return hits;
}

/** Runs a check on every statement of a GitHub OIDC trust policy. */
const onGitHubTrusts =
  (check: (st: PolicyStatement, template: JsonObject) => RuleReport[]) =>
  (ctx: RuleContext): RuleReport[] =>
    ctx.statements.filter((st) => trustsGitHub(st, ctx.template)).flatMap((st) => check(st, ctx.template));

export const GITHUB_OIDC_RULES = [
  defineRule({
    id: 'FO110',
    severity: 'error',
    title: 'GitHub OIDC trust without both an aud and a sub condition',
    help: 'Without a sub condition any workflow of any repository on GitHub can assume the role; without aud, tokens minted for other audiences are accepted.',
    fix: `Add StringEquals { ${AUD}: ${GITHUB_AUDIENCE} } and ${SUB}: repo:OWNER/REPO:ref:refs/heads/BRANCH.`,
    check: onGitHubTrusts(checkFO110),
  }),
  defineRule({
    id: 'FO111',
    severity: 'error',
    title: 'ForAllValues: in an Allow statement of a GitHub OIDC trust',
    help: 'ForAllValues: is true when the token lacks the claim, so the condition grants more than it seems.',
    fix: 'Use StringEquals or StringLike: the claims are single-valued.',
    check: onGitHubTrusts(checkFO111),
  }),
  defineRule({
    id: 'FO112',
    severity: 'error',
    title: 'GitHub OIDC sub that does not name one repository, or admits pull requests or every environment',
    help: "A sub pattern with a wildcard owner or repository lets other repositories assume the role; one that admits pull_request lets a pull request's workflow deploy.",
    fix: 'Name one repository and its deploy branch or environment: repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:production.',
    check: onGitHubTrusts(checkFO112),
  }),
  defineRule({
    id: 'FO113',
    severity: 'error',
    title: 'GitHub OIDC audience (trust condition or provider ClientIdList) other than sts.amazonaws.com',
    help: 'configure-aws-credentials requests the audience sts.amazonaws.com; any other audience makes assuming the role fail with "Incorrect token audience".',
    fix: `Use ${GITHUB_AUDIENCE} in the aud condition and in the provider's ClientIdList.`,
    check: (ctx) => [...checkProviders(ctx), ...onGitHubTrusts(checkAudience)(ctx)],
  }),
] as const;
