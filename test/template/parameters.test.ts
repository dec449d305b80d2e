import { buildTemplate } from '../../src/template';
import { checkParameterValue } from '../../src/template/parameters';
import { InvalidOptionError } from '../../src/errors';
import type { Parameter } from '../../src/template/cfn';
import { compiled } from './helpers';

const params = compiled.template.Parameters;
const spec = (name: string): Parameter => {
  const p = params[name];
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
};
const accepts = (name: string, value: string) => checkParameterValue(spec(name), value) === undefined;

describe('parameters', () => {
  it('requires only GitHubOrg and GitHubRepo; everything else has a default', () => {
    expect(Object.keys(params).filter((n) => spec(n).Default === undefined)).toEqual(['GitHubOrg', 'GitHubRepo']);
  });

  it('gives every String parameter an AllowedPattern or AllowedValues, and every parameter a description and constraint text', () => {
    for (const [name, p] of Object.entries(params)) {
      expect(`${name}: ${Boolean(p.Description && p.ConstraintDescription)}`).toBe(`${name}: true`);
      if (p.Type === 'String') {
        expect(`${name}: ${Boolean(p.AllowedPattern ?? p.AllowedValues)}`).toBe(`${name}: true`);
      }
    }
  });

  it('puts every parameter in exactly one console group, with a label', () => {
    const iface = compiled.template.Metadata['AWS::CloudFormation::Interface'];
    const grouped = iface.ParameterGroups.flatMap((g) => g.Parameters);
    expect([...grouped].sort()).toEqual(Object.keys(params).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(Object.keys(iface.ParameterLabels).sort()).toEqual(Object.keys(params).sort());
  });

  it('every default passes its own rules', () => {
    for (const [name, p] of Object.entries(params)) {
      if (p.Default === undefined) continue;
      expect(`${name}: ${checkParameterValue(p, String(p.Default)) ?? 'ok'}`).toBe(`${name}: ok`);
    }
  });

  describe.each(['GitHubOrg', 'GitHubRepo', 'DeployBranch', 'GitHubEnvironment'])('%s', (name) => {
    it.each(['my*org', 'my?org', '*', 'a b', ' leading', 'x'.repeat(300)])('rejects %j', (value) => {
      expect(accepts(name, value)).toBe(false);
    });
  });

  it('DeployBranch accepts the empty string: no branch may deploy (rule SomethingMayDeploy keeps one way in)', () => {
    expect(accepts('DeployBranch', '')).toBe(true);
  });

  it.each(['GitHubOrg', 'GitHubRepo'])('%s rejects the empty string', (name) => {
    expect(accepts(name, '')).toBe(false);
  });

  it('accepts real names', () => {
    expect(accepts('GitHubOrg', 'my-org')).toBe(true);
    expect(accepts('GitHubOrg', 'Octo-Cat42')).toBe(true);
    expect(accepts('GitHubRepo', 'Repo.name_1')).toBe(true);
    expect(accepts('GitHubRepo', 'portfolio-app')).toBe(true);
    expect(accepts('DeployBranch', 'main')).toBe(true);
    expect(accepts('DeployBranch', 'release/2026.11')).toBe(true);
    expect(accepts('GitHubEnvironment', 'production')).toBe(true);
    expect(accepts('GitHubEnvironment', '')).toBe(true);
  });

  it('GitHubOrg rejects names GitHub would not allow', () => {
    expect(accepts('GitHubOrg', '-org')).toBe(false);
    expect(accepts('GitHubOrg', 'org-')).toBe(false);
    expect(accepts('GitHubOrg', 'a'.repeat(40))).toBe(false);
    expect(accepts('GitHubOrg', 'my_org')).toBe(false);
  });

  it('GitHubRepo rejects a repository path with an owner or colon', () => {
    expect(accepts('GitHubRepo', 'my-org/repo')).toBe(false);
    expect(accepts('GitHubRepo', 'repo:x')).toBe(false);
    expect(accepts('GitHubRepo', 'a'.repeat(101))).toBe(false);
  });

  it('DeployBranch rejects a colon (GitHub sends it as %3A) and a leading dash', () => {
    expect(accepts('DeployBranch', 'a:b')).toBe(false);
    expect(accepts('DeployBranch', '-main')).toBe(false);
  });

  it('ReleaseTagPattern allows wildcards (it is a pattern) and empty (no tags)', () => {
    expect(accepts('ReleaseTagPattern', 'v*.*.*')).toBe(true);
    expect(accepts('ReleaseTagPattern', '')).toBe(true);
    expect(accepts('ReleaseTagPattern', 'v* x')).toBe(false);
  });

  it('GitHub ids are digits or empty', () => {
    expect(accepts('GitHubOwnerId', '123456')).toBe(true);
    expect(accepts('GitHubOwnerId', '')).toBe(true);
    expect(accepts('GitHubRepoId', '12a')).toBe(false);
    expect(accepts('GitHubRepoId', '*')).toBe(false);
  });

  it('AppName is lowercase (ECR) and short enough for role names', () => {
    expect(accepts('AppName', 'portfolio')).toBe(true);
    expect(accepts('AppName', 'my-app-2')).toBe(true);
    expect(accepts('AppName', 'Portfolio')).toBe(false);
    expect(accepts('AppName', 'a'.repeat(33))).toBe(false);
    expect(accepts('AppName', '1app')).toBe(false);
  });

  it('ExistingOidcProviderArn takes only a GitHub provider ARN, or empty', () => {
    expect(accepts('ExistingOidcProviderArn', '')).toBe(true);
    expect(accepts('ExistingOidcProviderArn', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com')).toBe(true);
    expect(accepts('ExistingOidcProviderArn', 'arn:aws:iam::123456789012:oidc-provider/example.com')).toBe(false);
  });

  it('numbers and lists: ports, desired count, retention, memory', () => {
    expect(accepts('ContainerPort', '8000')).toBe(true);
    expect(accepts('ContainerPort', '0')).toBe(false);
    expect(accepts('DesiredCount', '2')).toBe(false);
    expect(accepts('LogRetentionDays', '14')).toBe(true);
    expect(accepts('LogRetentionDays', '15')).toBe(false);
    expect(accepts('TaskMemory', '512')).toBe(true);
    expect(accepts('TaskMemory', '500')).toBe(false);
    expect(accepts('ExistingSubnetIds', 'subnet-0123456789abcdef0,subnet-0fedcba9876543210')).toBe(true);
    expect(accepts('ExistingSubnetIds', 'subnet-0123456789abcdef0, subnet-0fedcba9876543210')).toBe(false);
  });

  it('explains a rejection with the value, the rule and the constraint text', () => {
    expect(checkParameterValue(spec('GitHubOrg'), 'my*org')).toBe(
      '"my*org" does not match the pattern [A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?. ' +
        'Required: 1 to 39 letters, digits or hyphens, as in github.com/<owner>. ' +
        'It may not contain * or ?: they widen who may assume the deploy role.',
    );
  });
});

describe('template options (TypeScript API)', () => {
  it('bakes given values in as parameter defaults', () => {
    const t = buildTemplate({ githubOrg: 'my-org', githubRepo: 'site', appName: 'site', deployBranch: 'prod' });
    expect(t.Parameters['GitHubOrg']?.Default).toBe('my-org');
    expect(t.Parameters['GitHubRepo']?.Default).toBe('site');
    expect(t.Parameters['AppName']?.Default).toBe('site');
    expect(t.Parameters['DeployBranch']?.Default).toBe('prod');
  });

  it('refuses a wildcard in the org, naming the option, the parameter and the fix', () => {
    expect(() => buildTemplate({ githubOrg: 'my*' })).toThrow(InvalidOptionError);
    expect(() => buildTemplate({ githubOrg: 'my*' })).toThrow(
      /^githubOrg \(parameter GitHubOrg\): "my\*" does not match the pattern .* It may not contain \* or \?/,
    );
  });

  it.each([
    [{ githubRepo: 'a?b' }, /^githubRepo \(parameter GitHubRepo\)/],
    [{ deployBranch: 'feat*' }, /^deployBranch \(parameter DeployBranch\)/],
    [{ githubEnvironment: 'prod*' }, /^githubEnvironment \(parameter GitHubEnvironment\)/],
    [
      { githubOwnerId: '12' },
      /^githubOwnerId: Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither\. \(rule GitHubIdsComeTogether: githubOwnerId="12", githubRepoId=""\)$/,
    ],
    [
      { existingVpcId: 'vpc-0123456789abcdef0' },
      /^existingVpcId: ExistingVpcId is set, so ExistingSubnetIds must list public subnets of that VPC\. \(rule ExistingNetworkIsComplete: existingVpcId="vpc-0123456789abcdef0", existingSubnetIds=""\)$/,
    ],
    [
      { taskCpu: '256', taskMemory: '4096' } as const,
      /^taskCpu, taskMemory: With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB\. \(rule TaskSizeIsValidOnFargate: taskCpu="256", taskMemory="4096"\)$/,
    ],
    [{ logRetentionDays: 10 }, /^logRetentionDays \(parameter LogRetentionDays\): "10" is not one of 1, 3, 5/],
    [
      { containerPort: 22 },
      /^containerPort: ContainerPort is a remote-administration port, open to the internet\. Use your web app's port, or set AllowAdminPort to true\. \(rule ContainerPortIsNotAnAdminPort: containerPort="22", allowAdminPort="false"\)$/,
    ],
    [
      { taskCpu: '1024' } as const,
      /^taskCpu: With TaskCpu 1024, TaskMemory must be 2048 to 8192 in steps of 1024 MiB\. \(rule TaskSizeIsValidOnFargate: taskCpu="1024", taskMemory="512"\)$/,
    ],
    [{ containerPort: 80.5 }, /^containerPort \(parameter ContainerPort\): "80\.5" is not a whole number\./],
    [{ containerPort: 3389 }, /^containerPort: ContainerPort is a remote-administration port/],
  ])('refuses %j', (options, message) => {
    expect(() => buildTemplate(options)).toThrow(message);
  });

  it('takes an admin port when the user insists with allowAdminPort', () => {
    const t = buildTemplate({ containerPort: 22, allowAdminPort: true });
    expect(t.Parameters['ContainerPort']?.Default).toBe(22);
    expect(t.Parameters['AllowAdminPort']?.Default).toBe('true');
  });

  it('refuses an unknown option instead of ignoring it', () => {
    expect(() => buildTemplate({ githubOrgg: 'x' } as never)).toThrow(/^githubOrgg: unknown option\. Known options: /);
  });
});

describe('checking values of any template', () => {
  it('checks each element of a list parameter against AllowedValues and AllowedPattern, as CloudFormation does', () => {
    const ports: Parameter = { Type: 'CommaDelimitedList', AllowedValues: ['80', '443'] };
    expect(checkParameterValue(ports, '80,443')).toBeUndefined();
    expect(checkParameterValue(ports, '80,8080')).toBe('"8080" (in "80,8080") is not one of 80, 443.');
    const ids: Parameter = { Type: 'List<AWS::EC2::Subnet::Id>', AllowedPattern: 'subnet-[0-9a-f]+' };
    expect(checkParameterValue(ids, 'subnet-1,subnet-2')).toBeUndefined();
    expect(checkParameterValue(ids, 'subnet-1,vpc-2')).toBe('"vpc-2" (in "subnet-1,vpc-2") does not match the pattern subnet-[0-9a-f]+.');
    expect(checkParameterValue({ Type: 'List<Number>' }, '1,x')).toBe('"x" (in "1,x") is not a number.');
  });

  it('accepts escapes Java allows and leaves patterns JavaScript cannot compile to CloudFormation', () => {
    expect(checkParameterValue({ Type: 'String', AllowedPattern: '[a-z\\_]+' }, 'x_y')).toBeUndefined();
    expect(checkParameterValue({ Type: 'String', AllowedPattern: '[a-z\\_]+' }, 'X')).toBe('"X" does not match the pattern [a-z\\_]+.');
    // A possessive quantifier: valid Java, a SyntaxError in JavaScript.
    expect(checkParameterValue({ Type: 'String', AllowedPattern: 'a++' }, 'anything')).toBeUndefined();
  });
});
