import { buildTemplate } from '../../src/template';
import { Fn, type Json } from '../../src/template/cfn';
import { frontDoor, type FrontDoorOptions } from '../../src/template/front-door';
import { evaluateTemplate } from '../../src/template/evaluate';
import { toPlain } from '../../src/template/serialize';
import { ACCOUNT, PHYSICAL, REGION, REQUIRED } from './helpers';

/** A stand-in for the bundled handler: the template module only inlines the text it is given. */
export const CODE = 'module.exports.handler=async()=>({statusCode:200,body:""});\n';

/** The module's fragment alone (its parameters); the composed template is {@link templateWith}. */
export function build(options: FrontDoorOptions = {}) {
  return frontDoor(options, {
    code: CODE,
    clusterName: Fn.Ref('Cluster'),
    serviceName: Fn.GetAtt('Service', 'Name'),
    containerPort: Fn.Ref('ContainerPort'),
    logRetentionDays: Fn.Ref('LogRetentionDays'),
    statements: [],
    vpcId: Fn.Ref('Vpc'),
    subnetIds: Fn.Ref('PublicSubnetA'),
    taskSecurityGroupId: Fn.GetAtt('ServiceSecurityGroup', 'GroupId'),
  });
}

/** The composed template (which includes the front door) as plain JSON, with the given defaults. */
export function templateWith(options: FrontDoorOptions = {}): { [key: string]: Json } {
  return toPlain(buildTemplate(options));
}

export const FRONT_DOOR_PHYSICAL = {
  ...PHYSICAL,
  FrontDoorFunction: { Ref: 'portfolio-front-door', Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door` },
  FrontDoorLogGroup: { Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-front-door:*` },
  FrontDoorRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-front-door-${REGION}` },
  FrontDoorSchedulerRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-FrontDoorSchedulerRole-ABC` },
  FrontDoorScheduleGroup: { Ref: 'portfolio-front-door' },
  FrontDoorApi: { Ref: 'a1b2c3d4e5', ApiEndpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com` },
  FrontDoorDomain: {
    Ref: 'app.example.com',
    RegionalDomainName: `d-abc123.execute-api.${REGION}.amazonaws.com`,
    RegionalHostedZoneId: 'Z2OJLYMUO9EFXC',
  },
  FrontDoorIntegration: { Ref: 'int123' },
  FrontDoorStage: { Ref: '$default' },
  FrontDoorCertificate: { Ref: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0000` },
};

export function resolve(params: Record<string, string> = {}, options: FrontDoorOptions = {}) {
  return evaluateTemplate(templateWith(options), {
    parameters: { ...REQUIRED, ...params },
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: FRONT_DOOR_PHYSICAL,
  });
}
