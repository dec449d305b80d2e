/** The deployer in the template: in every configuration and region, its code the bundle, its environment the stack's. */
import { bundleDeployer } from '../../src/deployer/bundle';
import { deployerCode } from '../../src/deployer/code';
import { evaluateTemplate as resolveTemplate } from '../../src/template/evaluate';
import { ACCOUNT, PHYSICAL, REGION, REQUIRED, compiled, resolve } from './helpers';

const ids = (r: ReturnType<typeof resolve>) => Object.keys(r.resources).filter((id) => id.startsWith('Deployer'));

describe('the deployer', () => {
  it('exists in every configuration, and in regions without HTTP APIs (not under UseFrontDoor)', () => {
    expect(ids(resolve())).toEqual(['DeployerLogGroup', 'DeployerRole', 'DeployerFunction']);
    expect(ids(resolve({ PublicAccess: 'public-ip' }))).toEqual(['DeployerLogGroup', 'DeployerRole', 'DeployerFunction']);
    const noHttpApi = resolveTemplate(compiled.plain, {
      parameters: REQUIRED,
      pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': 'ap-east-2' },
      physical: PHYSICAL,
    });
    expect(Object.keys(noHttpApi.resources).filter((id) => id.startsWith('FrontDoor'))).toEqual([]);
    expect(ids(noHttpApi)).toEqual(['DeployerLogGroup', 'DeployerRole', 'DeployerFunction']);
    for (const id of ['DeployerLogGroup', 'DeployerRole', 'DeployerFunction'])
      expect(compiled.template.Resources[id]?.Condition).toBeUndefined();
  });

  it("runs the bundled handler with the stack's names in its environment; no front door: no URL and no start record; IPv6-only tasks: dual-stack image addresses", () => {
    const fn = resolve().resources['DeployerFunction']?.Properties as Record<string, unknown>;
    expect(fn).toMatchObject({
      FunctionName: 'portfolio-deployer',
      Handler: 'index.handler',
      Timeout: 30,
      Role: `arn:aws:iam::${ACCOUNT}:role/portfolio-deployer-${REGION}`,
      Environment: {
        Variables: {
          CLUSTER: 'portfolio',
          SERVICE: 'portfolio',
          TASK_DEFINITION: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/portfolio:1`,
          CONTAINER: 'app',
          REPOSITORY: 'portfolio',
          REPOSITORY_URI: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/portfolio`,
          IMAGE_ADDRESS: 'dual-stack',
          PORT: '8000',
          APP_URL: `https://<Ref FrontDoorApi>.execute-api.${REGION}.amazonaws.com`,
          LAST_START_PARAMETER: '/portfolio/front-door/last-start',
        },
      },
    });
    expect((fn['Code'] as { ZipFile: string }).ZipFile).toBe(deployerCode());
    const direct = resolve({ PublicAccess: 'public-ip' }).resources['DeployerFunction']?.Properties as {
      Environment: { Variables: Record<string, string> };
    };
    expect(direct.Environment.Variables['APP_URL']).toBe('');
    expect(direct.Environment.Variables['LAST_START_PARAMETER']).toBe('');
    expect(direct.Environment.Variables['IMAGE_ADDRESS']).toBe('ipv4');
  });

  it('is one CommonJS file that requires only the AWS SDK (in the Lambda runtime) and Node built-ins', () => {
    const code = bundleDeployer();
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.filter((r) => !r?.startsWith('@aws-sdk/') && !r?.startsWith('node:'))).toEqual([]);
    expect(Buffer.byteLength(code)).toBeLessThan(12_000);
  });
});
