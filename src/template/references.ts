/**
 * Finds references that point nowhere: a Ref, GetAtt or `${...}` in Sub naming no parameter,
 * resource or pseudo parameter; an Fn::If or Condition naming no condition; a DependsOn naming
 * no resource. CloudFormation would reject such a template only at create time.
 */
import type { Json } from './cfn';

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every dangling reference in `template`, as readable lines; empty when all resolve. */
export function findDanglingReferences(template: Obj): string[] {
  const params = new Set(Object.keys(asObj(template['Parameters'])));
  const resources = new Set(Object.keys(asObj(template['Resources'])));
  const conditions = new Set(Object.keys(asObj(template['Conditions'])));
  const problems: string[] = [];

  const checkName = (where: string, name: string, allowResources: boolean): void => {
    if (PSEUDO.has(name) || params.has(name)) return;
    if (allowResources && resources.has(name)) return;
    problems.push(`${where}: ${name} is not a ${allowResources ? 'parameter, resource' : 'parameter'} or pseudo parameter`);
  };
  const checkCondition = (where: string, name: Json | undefined): void => {
    if (typeof name !== 'string' || !conditions.has(name)) problems.push(`${where}: condition ${String(name)} is not defined`);
  };

  const walk = (where: string, value: Json | undefined, allowResources: boolean, subVars: Set<string>): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(`${where}[${i}]`, v, allowResources, subVars);
      return;
    }
    if (!isObj(value)) return;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys as [string];
      const arg = value[fn];
      if (fn === 'Ref' && typeof arg === 'string') {
        if (!subVars.has(arg)) checkName(where, arg, allowResources);
        return;
      }
      if (fn === 'Fn::GetAtt') {
        const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
        if (typeof target !== 'string' || !resources.has(target))
          problems.push(`${where}: GetAtt of ${String(target)}, which is not a resource`);
        return;
      }
      if (fn === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
        const local = new Set(Object.keys(isObj(vars) ? vars : {}));
        if (isObj(vars)) walk(`${where}.Fn::Sub vars`, vars, allowResources, subVars);
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = (m[1] as string).split('.')[0] as string;
            if (local.has(name)) continue;
            if ((m[1] as string).includes('.')) {
              if (!resources.has(name)) problems.push(`${where}: Sub \${${m[1]}} names no resource`);
            } else {
              checkName(where, name, allowResources);
            }
          }
        }
        return;
      }
      if (fn === 'Fn::If' && Array.isArray(arg)) {
        checkCondition(where, arg[0]);
        walk(`${where}.Fn::If`, arg.slice(1), allowResources, subVars);
        return;
      }
      if (fn === 'Condition') {
        checkCondition(where, arg);
        return;
      }
    }
    for (const [k, v] of Object.entries(value)) walk(`${where}.${k}`, v, allowResources, subVars);
  };

  const none = new Set<string>();
  for (const [id, cond] of Object.entries(asObj(template['Conditions']))) walk(`Conditions.${id}`, cond, false, none);
  for (const [id, rule] of Object.entries(asObj(template['Rules']))) walk(`Rules.${id}`, rule, false, none);
  for (const [id, resource] of Object.entries(asObj(template['Resources']))) {
    if (!isObj(resource)) continue;
    if (resource['Condition'] !== undefined) checkCondition(`Resources.${id}.Condition`, resource['Condition']);
    const deps = resource['DependsOn'];
    for (const dep of Array.isArray(deps) ? deps : deps === undefined ? [] : [deps]) {
      if (typeof dep !== 'string' || !resources.has(dep)) problems.push(`Resources.${id}.DependsOn: ${String(dep)} is not a resource`);
    }
    walk(`Resources.${id}.Properties`, resource['Properties'], true, none);
  }
  for (const [id, output] of Object.entries(asObj(template['Outputs']))) {
    if (!isObj(output)) continue;
    if (output['Condition'] !== undefined) checkCondition(`Outputs.${id}.Condition`, output['Condition']);
    walk(`Outputs.${id}`, output, true, none);
  }
  return problems;
}

function asObj(v: Json | undefined): Obj {
  return isObj(v) ? v : {};
}
