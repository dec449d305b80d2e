/**
 * Every secret a task definition references must be readable by its execution role, or the
 * task fails only when it starts (`ResourceInitializationError: unable to pull secrets`). This
 * check finds it at build time: for each container `Secrets` entry, an Allow statement of the
 * execution role's inline policies with the right action on a matching resource.
 */
import type { Json } from '../template/cfn';
import { evaluateTemplate } from '../template/evaluate';

type Obj = { [key: string]: Json };

/** Parameters a check run needs: the required ones, any value. */
const PLACEHOLDERS = { GitHubOrg: 'owner', GitHubRepo: 'repo' };

/** The action that reads a `ValueFrom` ARN, and the resource IAM checks it against. */
export function secretAccess(valueFrom: string): { action: string; resource: string } | undefined {
  if (/^arn:[^:]+:ssm:/.test(valueFrom)) return { action: 'ssm:GetParameters', resource: valueFrom };
  if (/^arn:[^:]+:secretsmanager:/.test(valueFrom)) {
    // arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf[:json-key:stage:version]
    return { action: 'secretsmanager:GetSecretValue', resource: valueFrom.split(':').slice(0, 7).join(':') };
  }
  return undefined;
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

const list = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether one of `statements` allows `action` on `resource`. */
function allows(statements: Json[], action: string, resource: string): boolean {
  return statements.some((s) => {
    const st = s as Obj;
    if (st['Effect'] !== 'Allow') return false;
    const actions = list(st['Action']).map(String);
    const resources = list(st['Resource']).map(String);
    return actions.some((a) => globMatch(a, action)) && resources.some((r) => globMatch(r, resource));
  });
}

/** Secrets of the template's task definitions that their execution role cannot read, as sentences. */
export function unreadableSecrets(plain: Obj): string[] {
  const resources = evaluateTemplate(plain, {
    parameters: PLACEHOLDERS,
    pseudo: { 'AWS::AccountId': '123456789012', 'AWS::Region': 'us-west-2' },
  }).resources;
  const rawResources = plain['Resources'] as Obj;
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::ECS::TaskDefinition') continue;
    const props = resource.Properties as Obj;
    const roleRef = (rawResources[id] as Obj | undefined)?.['Properties'] as Obj | undefined;
    const roleId = ((roleRef?.['ExecutionRoleArn'] as Obj | undefined)?.['Fn::GetAtt'] as string[] | undefined)?.[0];
    const role = roleId ? resources[roleId] : undefined;
    const statements = list((role?.Properties as Obj | undefined)?.['Policies']).flatMap((p) =>
      list(((p as Obj)['PolicyDocument'] as Obj)['Statement']),
    );
    for (const container of list(props['ContainerDefinitions'])) {
      for (const secret of list((container as Obj)['Secrets'])) {
        const { Name, ValueFrom } = secret as { Name: string; ValueFrom: string };
        const access = secretAccess(String(ValueFrom));
        if (!access) {
          problems.push(
            `${id}: secret ${Name} has ValueFrom ${ValueFrom}, not the full ARN of an SSM parameter or Secrets Manager secret.`,
          );
        } else if (!roleId || !allows(statements, access.action, access.resource)) {
          problems.push(
            `${id}: secret ${Name} (${ValueFrom}) is not readable by the execution role ${roleId ?? '(none)'}: ` +
              `it needs ${access.action} on ${access.resource}. Declare the secret in container.secrets, which grants exactly that.`,
          );
        }
      }
    }
  }
  return problems;
}
