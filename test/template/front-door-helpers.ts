import { buildTemplate } from '../../src/template';
import { Fn, type Json } from '../../src/template/cfn';
import { cluster } from '../../src/template/cluster';
import { frontDoor, type FrontDoorOptions } from '../../src/template/front-door';
import { resolveTemplate } from '../../src/template/resolve';
import { toPlain } from '../../src/template/serialize';
import { ACCOUNT, PHYSICAL, REGION, REQUIRED } from './helpers';

/** A stand-in for the bundled handler: the template module only inlines the text it is given. */
export const CODE = 'module.exports.handler=async()=>({statusCode:200,body:""});\n';

/** The module's fragment with the handles the real cluster and service modules export. */
export function build(options: FrontDoorOptions = {}, code = CODE) {
  return frontDoor(options, {
    code,
    clusterName: Fn.Ref('Cluster'),
    serviceName: Fn.GetAtt('Service', 'Name'),
    serviceArn: Fn.Ref('Service'),
    taskFamilyArn: Fn.Sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${AppName}:*'),
    containerPort: Fn.Ref('ContainerPort'),
    logRetentionDays: Fn.Ref('LogRetentionDays'),
    observeTasks: cluster().grantObserveTasks(),
  });
}

/**
 * Today's template (for the cluster, service, AppName, ContainerPort and LogRetentionDays the
 * fragment refers to) plus the fragment, as plain JSON. Not the composer's wiring, which is
 * being redesigned: just enough for cfn-lint and the resolver.
 */
export function templateWith(options: FrontDoorOptions = {}, code = CODE): { [key: string]: Json } {
  const template = buildTemplate();
  const { fragment } = build(options, code);
  for (const [id, entry] of Object.entries(fragment.parameters ?? {})) template.Parameters[id] = entry.spec;
  Object.assign(template.Conditions, fragment.conditions);
  Object.assign(template.Resources, fragment.resources);
  Object.assign(template.Outputs, fragment.outputs);
  return toPlain(template);
}

export const FRONT_DOOR_PHYSICAL = {
  ...PHYSICAL,
  FrontDoorFunction: { Ref: 'portfolio-front-door', Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door` },
  FrontDoorLogGroup: { Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-front-door:*` },
  FrontDoorRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-front-door-${REGION}` },
  FrontDoorSchedulerRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-FrontDoorSchedulerRole-ABC` },
  FrontDoorApi: { Ref: 'a1b2c3d4e5', ApiEndpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com` },
  FrontDoorDomain: { Ref: 'app.example.com', RegionalDomainName: `d-abc123.execute-api.${REGION}.amazonaws.com`, RegionalHostedZoneId: 'Z2OJLYMUO9EFXC' },
  FrontDoorIntegration: { Ref: 'int123' },
  FrontDoorStage: { Ref: '$default' },
  FrontDoorCertificate: { Ref: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0000` },
};

export function resolve(params: Record<string, string> = {}, options: FrontDoorOptions = {}) {
  return resolveTemplate(templateWith(options), {
    parameters: { ...REQUIRED, ...params },
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: FRONT_DOOR_PHYSICAL,
  });
}

