/**
 * Finds the IAM policy documents in a template and flattens them into statements the
 * least-privilege rules can read: every `Fn::If` branch becomes its own statement (or item),
 * values keep their template path for line numbers.
 *
 * Four kinds of document: trust policies (who may assume a role), identity policies (IAM
 * policies, the inline documents of a SAM function's `Policies`, IoT policies), resource
 * policies (bucket, key, queue, topic, repository, log and event bus policies, which say who
 * may use that resource) and VPC endpoint policies (a filter on the requests through the
 * endpoint). A document written as a JSON string (`'{"Statement": [...]}'`, or a `Fn::Sub`
 * of one) is parsed and read the same way; its findings are reported on the string's line.
 * An event bus policy written with the legacy `Action`/`Principal`/`Condition` properties is
 * read as the one statement they make. `AWS::Lambda::Permission` holds no document (one
 * principal and one action as properties) and is not read.
 */
import { alternatives, child, intrinsicName, listItems, textOf, withParameterDefaults, type Located } from './intrinsics';
import { isObject, type JsonObject, type JsonPath, type JsonValue } from './types';

/**
 * Trust policy (who may assume a role), identity policy (what the holder may do), resource
 * policy (who may do what to the resource it is attached to) or endpoint policy (which
 * requests may pass through a VPC endpoint; it grants nothing by itself).
 */
export type PolicyKind = 'trust' | 'identity' | 'resource' | 'endpoint';

/** One condition test: `Operator: { Key: Values }`. */
export interface ConditionTest {
  /** e.g. `StringLike`, `ForAnyValue:StringEquals`. */
  operator: string;
  /** The condition key as written, e.g. `token.actions.githubusercontent.com:sub`. */
  key: string;
  /** The values, `Fn::If` expanded. */
  values: Located[];
  /** Path of the key in the template. */
  path: JsonPath;
}

/** One statement (one combination of `Fn::If` branches of its `Condition` block). */
export interface PolicyStatement {
  /** Logical id of the resource that holds the policy. */
  resourceId: string;
  /** Its resource type, e.g. `AWS::KMS::Key`. */
  resourceType: string;
  kind: PolicyKind;
  path: JsonPath;
  /** `Allow`, `Deny`, or undefined when not a literal. */
  effect: string | undefined;
  /** Items of `Action` / `NotAction`, with their text when known. */
  actions: Located[];
  notActions: Located[];
  resources: Located[];
  notResources: Located[];
  principal: Located | undefined;
  conditions: ConditionTest[];
}

/**
 * Where each resource type keeps its policy documents: `trust` and `documents` name a property
 * holding one document, `policies` a list of `{ PolicyName, PolicyDocument }`, `resource` a
 * property holding a resource policy, `sam` SAM's `Policies` (a document, a managed policy
 * name or ARN, a SAM policy template such as `S3ReadPolicy: { BucketName: x }`, or a list of
 * them: only the documents, the items with a `Statement`, are read).
 */
const POLICY_LOCATIONS: Record<
  string,
  { trust?: string; documents?: string; policies?: string; resource?: string; sam?: string; endpoint?: string; statement?: string }
> = {
  'AWS::IAM::Role': { trust: 'AssumeRolePolicyDocument', policies: 'Policies' },
  'AWS::IAM::User': { policies: 'Policies' },
  'AWS::IAM::Group': { policies: 'Policies' },
  'AWS::IAM::Policy': { documents: 'PolicyDocument' },
  'AWS::IAM::ManagedPolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::RolePolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::UserPolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::GroupPolicy': { documents: 'PolicyDocument' },
  'AWS::Serverless::Function': { sam: 'Policies' },
  'AWS::S3::BucketPolicy': { resource: 'PolicyDocument' },
  'AWS::KMS::Key': { resource: 'KeyPolicy' },
  'AWS::SQS::QueuePolicy': { resource: 'PolicyDocument' },
  'AWS::SNS::TopicPolicy': { resource: 'PolicyDocument' },
  'AWS::ECR::Repository': { resource: 'RepositoryPolicyText' },
  'AWS::Logs::ResourcePolicy': { resource: 'PolicyDocument' },
  'AWS::Events::EventBusPolicy': { statement: 'Statement' },
  'AWS::IoT::Policy': { documents: 'PolicyDocument' },
  'AWS::EC2::VPCEndpoint': { endpoint: 'PolicyDocument' },
};

/**
 * A document written as a JSON string, parsed (`Fn::Sub` variables stay as `${Name}` text
 * inside its strings); the node itself otherwise, or when the string is not JSON.
 */
function parsedDocument(node: Located): Located {
  if (isObject(node.value) && intrinsicName(node.value) === undefined) return node;
  const text = textOf(node.value);
  if (text === undefined || !text.trimStart().startsWith('{')) return node;
  try {
    const value = JSON.parse(text) as JsonValue;
    return isObject(value) ? { value, path: node.path } : node;
  } catch {
    return node;
  }
}

/**
 * The one statement an event bus policy's legacy properties make: `Action`, `Principal` (an
 * account id or `*`) and `Condition: { Type, Key, Value }`. It sits at the properties' path,
 * so its `Action` and `Principal` are reported on their own lines.
 */
function legacyBusStatement(props: Located): Located | undefined {
  if (!isObject(props.value) || props.value['Principal'] === undefined || props.value['Statement'] !== undefined) return undefined;
  const { Action, Principal, Condition } = props.value;
  const statement: JsonObject = { Effect: 'Allow', Principal: Principal === '*' ? '*' : { AWS: Principal as JsonValue } };
  if (Action !== undefined) statement['Action'] = Action;
  if (
    isObject(Condition) &&
    typeof Condition['Type'] === 'string' &&
    typeof Condition['Key'] === 'string' &&
    Condition['Value'] !== undefined
  ) {
    statement['Condition'] = { [Condition['Type']]: { [Condition['Key']]: Condition['Value'] } };
  }
  return { value: statement, path: props.path };
}

/** The IAM resource types whose policies are checked (`ManagedPolicyArns` lives on these). */
export const POLICY_RESOURCE_TYPES = Object.keys(POLICY_LOCATIONS).filter((t) => t.startsWith('AWS::IAM::'));

/** True when a value is a policy document rather than a name, an ARN or a SAM policy template. */
const isDocument = (node: Located): boolean => isObject(node.value) && 'Statement' in node.value;

/**
 * Every statement of every policy document in the template's resources. Actions and resources
 * given by parameters are read as their defaults (see `withParameterDefaults`).
 */
export function policyStatements(resources: [string, JsonObject][], template: JsonObject = {}): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const [id, resource] of resources) {
    const type = resource['Type'];
    const where = typeof type === 'string' ? POLICY_LOCATIONS[type] : undefined;
    const props = child({ value: resource, path: ['Resources', id] }, 'Properties');
    if (typeof type !== 'string' || where === undefined || props === undefined) continue;
    const docs: { kind: PolicyKind; doc: Located }[] = [];
    const add = (kind: PolicyKind, node: Located | undefined): void => {
      if (node) docs.push(...alternatives(node).map((doc) => ({ kind, doc: parsedDocument(doc) })));
    };
    if (where.trust !== undefined) add('trust', child(props, where.trust));
    if (where.documents !== undefined) add('identity', child(props, where.documents));
    if (where.resource !== undefined) add('resource', child(props, where.resource));
    if (where.endpoint !== undefined) add('endpoint', child(props, where.endpoint));
    const single = where.statement === undefined ? undefined : (child(props, where.statement) ?? legacyBusStatement(props));
    if (single !== undefined && isObject(single.value)) out.push(...statementVariants(id, type, 'resource', single, template));
    const inline = where.policies === undefined ? undefined : child(props, where.policies);
    for (const policy of inline ? listItems(inline) : []) add('identity', child(policy, 'PolicyDocument'));
    const sam = where.sam === undefined ? undefined : child(props, where.sam);
    for (const item of sam ? listItems(sam) : []) if (isDocument(parsedDocument(item))) add('identity', item);
    for (const { kind, doc } of docs) {
      const statements = child(doc, 'Statement');
      for (const st of statements ? listItems(statements) : []) {
        if (isObject(st.value)) out.push(...statementVariants(id, type, kind, st, template));
      }
    }
  }
  return out;
}

function items(statement: Located, key: string, template: JsonObject): Located[] {
  const node = child(statement, key);
  return node ? withParameterDefaults(listItems(node), template) : [];
}

function statementVariants(
  resourceId: string,
  resourceType: string,
  kind: PolicyKind,
  st: Located,
  template: JsonObject,
): PolicyStatement[] {
  const effectNode = child(st, 'Effect');
  const effects = effectNode ? alternatives(effectNode) : [undefined];
  const conditionNode = child(st, 'Condition');
  const conditionBlocks = conditionNode ? alternatives(conditionNode) : [undefined];
  const principalNode = child(st, 'Principal');
  const base = {
    resourceId,
    resourceType,
    kind,
    path: st.path,
    actions: items(st, 'Action', template),
    notActions: items(st, 'NotAction', template),
    resources: items(st, 'Resource', template),
    notResources: items(st, 'NotResource', template),
    principal: principalNode,
  };
  const out: PolicyStatement[] = [];
  for (const effect of effects) {
    for (const block of conditionBlocks) {
      out.push({
        ...base,
        effect: effect && typeof effect.value === 'string' ? effect.value : undefined,
        conditions: block ? conditionTests(block) : [],
      });
    }
  }
  return out;
}

function conditionTests(block: Located): ConditionTest[] {
  if (!isObject(block.value)) return [];
  const tests: ConditionTest[] = [];
  for (const operator of Object.keys(block.value)) {
    for (const opNode of alternatives(child(block, operator) as Located)) {
      if (!isObject(opNode.value)) continue;
      for (const key of Object.keys(opNode.value)) {
        const keyNode = child(opNode, key) as Located;
        tests.push({ operator, key, values: listItems(keyNode), path: keyNode.path });
      }
    }
  }
  return tests;
}

/** The text of a located value (see {@link textOf}). */
export const textAt = (node: Located): string | undefined => textOf(node.value);
