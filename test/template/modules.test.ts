import Bucket from 'cloudform-types/types/s3/bucket';
import { Fn } from '../../src/template/cfn';
import { APP_GROUP, GITHUB_GROUP } from '../../src/template/console-groups';
import { compileTemplate } from '../../src/template/compile';
import { grant } from '../../src/template/grants';
import { consoleGroups, type TemplateModule } from '../../src/template';
import { stringParam } from '../../src/template/parameters';
import { compiled } from './helpers';

/** A user's module: one bucket, one parameter in a new console group, a read grant to the task role. */
const reports: TemplateModule = ({ appName, taskRole }) => ({
  parameters: {
    ReportsPrefix: stringParam({
      label: 'Reports prefix',
      group: { label: 'Reports' },
      description: 'Key prefix of the reports.',
      default: 'reports/',
      constraint: 'Any text.',
    }),
  },
  resources: { ReportsBucket: new Bucket({ Tags: [{ Key: 'app', Value: appName }] }) },
  outputs: { ReportsBucketName: { Description: 'Reports bucket.', Value: Fn.Ref('ReportsBucket') } },
  grants: grant(taskRole, {
    Sid: 'ReadReports',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: Fn.Sub('${ReportsBucket.Arn}/${ReportsPrefix}*'),
  }),
});

describe('a user module', () => {
  const withModule = compileTemplate({}, { modules: [reports] }).template;

  it('adds its resource, output and parameter and leaves every other resource as it was', () => {
    expect(Object.keys(withModule.Resources)).toEqual([...Object.keys(compiled.template.Resources), 'ReportsBucket']);
    expect(withModule.Outputs['ReportsBucketName']).toBeDefined();
    expect(withModule.Parameters['ReportsPrefix']?.Default).toBe('reports/');
  });

  it("shows its parameter in its own console group, after this project's groups", () => {
    const groups = withModule.Metadata['AWS::CloudFormation::Interface'].ParameterGroups;
    expect(groups.map((g) => g.Label.default)).toEqual([
      ...compiled.template.Metadata['AWS::CloudFormation::Interface'].ParameterGroups.map((g) => g.Label.default),
      'Reports',
    ]);
    expect(groups.at(-1)?.Parameters).toEqual(['ReportsPrefix']);
  });

  it('puts its grant on the task role and nowhere else', () => {
    const taskRole = compileTemplate({}, { modules: [reports] }).plain['Resources'] as Record<
      string,
      { Properties: Record<string, unknown> }
    >;
    expect(taskRole['TaskRole']?.Properties['Policies']).toEqual([
      {
        PolicyName: 'app',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadReports',
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: { 'Fn::Sub': '${ReportsBucket.Arn}/${ReportsPrefix}*' },
            },
          ],
        },
      },
    ]);
    expect(JSON.stringify(taskRole['GitHubDeployRole'])).not.toContain('ReadReports');
    expect(JSON.stringify(taskRole['TaskExecutionRole'])).not.toContain('ReadReports');
  });

  it('without modules, the task role has no policy at all', () => {
    expect(
      (compiled.plain['Resources'] as Record<string, { Properties: Record<string, unknown> }>)['TaskRole']?.Properties['Policies'],
    ).toBeUndefined();
  });

  it('refuses a grant to a role the template does not have, naming the field and the fix', () => {
    const stray: TemplateModule = () => ({
      grants: grant(
        { logicalId: 'OtherRole', description: '', arn: Fn.GetAtt('OtherRole', 'Arn') },
        { Sid: 'X', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
      ),
    });
    expect(() => compileTemplate({}, { modules: [stray] })).toThrow(
      'modules: a module granted permissions to OtherRole, which is not a role of this template. Grant to the roles the module is handed (taskRole, executionRole, deployRole).',
    );
  });

  it('refuses a resource id this project already uses', () => {
    const clash: TemplateModule = () => ({ resources: { Repository: new Bucket({}) } });
    expect(() => compileTemplate({}, { modules: [clash] })).toThrow('Two template modules define resources "Repository"');
  });
});

describe('console groups', () => {
  it('come from the parameters themselves: groups in order, then order inside a group, then module order', () => {
    const p = (label: string, group: { label: string }, order?: number) =>
      stringParam({ label, group, description: label, constraint: 'x', ...(order === undefined ? {} : { order }) });
    expect(
      consoleGroups({ B: p('B', APP_GROUP), Z: p('Z', GITHUB_GROUP, 1), A: p('A', GITHUB_GROUP), C: p('C', { label: 'Mine' }) }),
    ).toEqual([
      { label: GITHUB_GROUP.label, parameters: ['A', 'Z'] },
      { label: 'App', parameters: ['B'] },
      { label: 'Mine', parameters: ['C'] },
    ]);
  });

  it('put every parameter of the template in exactly one group', () => {
    const groups = compiled.template.Metadata['AWS::CloudFormation::Interface'].ParameterGroups;
    const listed = groups.flatMap((g) => g.Parameters);
    expect([...listed].sort()).toEqual(Object.keys(compiled.template.Parameters).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe('the service module', () => {
  it('takes the image from the repository handle, not a literal logical id: its dual-stack address for an IPv6-only task', () => {
    const td = (compiled.plain['Resources'] as Record<string, { Properties: { ContainerDefinitions: { Image: unknown }[] } }>)[
      'TaskDefinition'
    ];
    expect(td?.Properties.ContainerDefinitions[0]?.Image).toEqual({
      'Fn::Join': [
        ':',
        [
          {
            'Fn::If': [
              'Ipv6OnlyTask',
              { 'Fn::Sub': '${AWS::AccountId}.dkr-ecr.${AWS::Region}.on.aws/${Repository}' },
              { 'Fn::GetAtt': ['Repository', 'RepositoryUri'] },
            ],
          },
          { Ref: 'ImageTag' },
        ],
      ],
    });
  });
});
