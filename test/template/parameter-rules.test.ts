import { compileTemplate } from '../../src/template/compile';
import { checkTemplateValues, wholeNumberParameters, type CheckedTemplate } from '../../src/template/parameter-rules';

const template = compileTemplate().plain as CheckedTemplate;
const values = (o: { [key: string]: string }): Map<string, string> => new Map(Object.entries(o));
const required = { GitHubOrg: 'acme', GitHubRepo: 'web' };

describe('checkTemplateValues: the template Rules', () => {
  it('refuses TaskCpu=256 with TaskMemory=4096, naming both parameters and the allowed memory sizes', () => {
    expect(checkTemplateValues(template, values({ ...required, TaskCpu: '256', TaskMemory: '4096' }))).toEqual([
      {
        parameters: ['TaskCpu', 'TaskMemory'],
        rule: 'TaskSizeIsValidOnFargate',
        assertion: 'With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB.',
        message:
          'TaskCpu="256", TaskMemory="4096": With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate)',
      },
    ]);
  });

  it('refuses TaskCpu=1024 alone for a new stack, whose TaskMemory default (512) does not fit', () => {
    const problems = checkTemplateValues(template, values({ ...required, TaskCpu: '1024' }));
    expect(problems.map((p) => p.message)).toEqual([
      'TaskCpu="1024", TaskMemory="512": With TaskCpu 1024, TaskMemory must be 2048 to 8192 in steps of 1024 MiB. (rule TaskSizeIsValidOnFargate)',
    ]);
  });

  it('refuses GitHubOwnerId without GitHubRepoId (the default is empty), naming both', () => {
    const problems = checkTemplateValues(template, values({ ...required, GitHubOwnerId: '123' }));
    expect(problems).toEqual([
      {
        parameters: ['GitHubOwnerId', 'GitHubRepoId'],
        rule: 'GitHubIdsComeTogether',
        assertion: 'Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither.',
        message:
          'GitHubOwnerId="123", GitHubRepoId="": Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether)',
      },
    ]);
  });

  it('accepts both GitHub ids, valid task sizes, and the defaults', () => {
    expect(
      checkTemplateValues(template, values({ ...required, GitHubOwnerId: '1', GitHubRepoId: '2', TaskCpu: '1024', TaskMemory: '4096' })),
    ).toEqual([]);
    expect(checkTemplateValues(template, values(required))).toEqual([]);
  });

  it('refuses nothing it cannot tell: a value not given when the previous value is unknown', () => {
    expect(checkTemplateValues(template, values({ GitHubOwnerId: '123' }), { missing: 'unknown' })).toEqual([]);
    expect(checkTemplateValues(template, values({ TaskCpu: '1024' }), { missing: 'unknown' })).toEqual([]);
    // Both given: certain, even without the stack.
    expect(checkTemplateValues(template, values({ TaskCpu: '256', TaskMemory: '4096' }), { missing: 'unknown' })).toHaveLength(1);
  });

  it("uses an update's previous values for the Rules, without checking them again", () => {
    const previous = values({ TaskCpu: '256', TaskMemory: '512', GitHubRepoId: 'not-digits-any-more' });
    expect(checkTemplateValues(template, values({ TaskMemory: '4096' }), { missing: 'unknown', previous }).map((p) => p.message)).toEqual([
      'TaskCpu="256", TaskMemory="4096": With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate)',
    ]);
    expect(checkTemplateValues(template, values({ GitHubOwnerId: '1' }), { missing: 'unknown', previous })).toEqual([]);
  });

  it('refuses an existing VPC without subnets', () => {
    const problems = checkTemplateValues(template, values({ ...required, ExistingVpcId: 'vpc-0123456789abcdef0' }));
    expect(problems.map((p) => p.rule)).toEqual(['ExistingNetworkIsComplete']);
    expect(problems[0]?.message).toContain('ExistingVpcId is set, so ExistingSubnetIds must list public subnets of that VPC.');
  });

  it('evaluates rule functions over literals and lists, and leaves Fn::ValueOf to CloudFormation', () => {
    const t: CheckedTemplate = {
      Parameters: { Env: { Type: 'String', Default: 'dev' }, Ids: { Type: 'CommaDelimitedList', Default: 'a,b' } },
      Rules: {
        EachIn: { Assertions: [{ Assert: { 'Fn::EachMemberIn': [{ Ref: 'Ids' }, ['a', 'b', 'c']] }, AssertDescription: 'ids a-c' }] },
        EachEq: {
          RuleCondition: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
          Assertions: [{ Assert: { 'Fn::EachMemberEquals': [{ Ref: 'Ids' }, 'a'] }, AssertDescription: 'prod uses a' }],
        },
        NeedsAws: { Assertions: [{ Assert: { 'Fn::Equals': [{ 'Fn::ValueOf': ['Ids', 'VpcId'] }, 'x'] }, AssertDescription: 'aws' }] },
      },
    };
    expect(checkTemplateValues(t, values({}))).toEqual([]);
    expect(checkTemplateValues(t, values({ Ids: 'a,d' })).map((p) => p.rule)).toEqual(['EachIn']);
    expect(checkTemplateValues(t, values({ Env: 'prod', Ids: 'a,b' })).map((p) => p.rule)).toEqual(['EachEq']);
    expect(checkTemplateValues(t, values({ Env: 'prod', Ids: 'a,a' }))).toEqual([]);
  });
});

describe('checkTemplateValues: each value', () => {
  it('lists the whole-number parameters in the template Metadata', () => {
    expect([...wholeNumberParameters(template)]).toEqual([
      'ContainerPort',
      'DesiredCount',
      'IdleMinutes',
      'FrontDoorRateLimit',
      'FrontDoorBurstLimit',
      'FrontDoorReservedConcurrency',
      'DailyRunHours',
      'ImagesToKeep',
      'LogRetentionDays',
    ]);
  });

  it('refuses 80.5 for a whole-number parameter, and a word as not a number', () => {
    expect(checkTemplateValues(template, values({ ContainerPort: '80.5' })).map((p) => p.message)).toEqual([
      'ContainerPort: "80.5" is not a whole number. Must be a port number from 1 to 65535.',
    ]);
    expect(checkTemplateValues(template, values({ ImagesToKeep: '2.5' })).map((p) => p.message)).toEqual([
      'ImagesToKeep: "2.5" is not a whole number. Must be a whole number from 1 to 1000.',
    ]);
    expect(checkTemplateValues(template, values({ ContainerPort: 'http' }))[0]?.message).toBe(
      'ContainerPort: "http" is not a number. Must be a port number from 1 to 65535.',
    );
    expect(checkTemplateValues(template, values({ ...required, ContainerPort: '80' }))).toEqual([]);
  });

  it('treats toString, constructor and __proto__ as unknown names, not as inherited properties', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const problems = checkTemplateValues(template, values({ [name]: 'x' }));
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toMatch(new RegExp(`^${name}: the template has no such parameter`));
    }
  });

  it('suggests the closest parameter name', () => {
    expect(checkTemplateValues(template, values({ GithubOrg: 'acme' }))[0]?.message).toMatch(
      /^GithubOrg: the template has no such parameter \(did you mean GitHubOrg\?\)/,
    );
  });
});

describe('src/template/parameter-rules.ts in the browser', () => {
  it('bundles for the browser with no Node module (the launch page can import it)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSync } = require('esbuild') as typeof import('esbuild');
    const result = buildSync({
      entryPoints: [require.resolve('../../src/template/parameter-rules.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('checkTemplateValues');
    expect(code).not.toMatch(/require\(|from "node:|Buffer\./);
  });
});
