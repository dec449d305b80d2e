import { checkTemplateValues, undecidedAssertions, type CheckedTemplate } from '../../src/template/parameter-rules';

/** A hand-written template's Rules, in JSON form (what the YAML short tags decode to). */
const template = {
  Parameters: {
    Stage: { Type: 'String' },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: '' },
    Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
  },
  Rules: {
    KnownStage: {
      Assertions: [{ Assert: { 'Fn::Contains': [['dev', 'prod'], { Ref: 'Stage' }] }, AssertDescription: 'Stage is dev or prod.' }],
    },
    NotBad: {
      Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'bad'] }] }, AssertDescription: 'Stage may not be bad.' }],
    },
    SubnetsInVpc: {
      Assertions: [
        {
          Assert: { 'Fn::EachMemberEquals': [{ 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] }, { Ref: 'Vpc' }] },
          AssertDescription: 'The subnets are in the VPC.',
        },
      ],
    },
    SubnetsExist: {
      Assertions: [
        {
          Assert: { 'Fn::EachMemberIn': [{ Ref: 'Subnets' }, { 'Fn::RefAll': 'AWS::EC2::Subnet::Id' }] },
          AssertDescription: 'Known subnets.',
        },
      ],
    },
  },
} as CheckedTemplate;
const values = (o: { [key: string]: string }): Map<string, string> => new Map(Object.entries(o));

describe('the Rules of a hand-written template', () => {
  it('refuses Stage=bad through both Fn::Contains and Fn::Not [Fn::Equals]', () => {
    expect(checkTemplateValues(template, values({ Stage: 'bad' }))).toEqual([
      {
        parameters: ['Stage'],
        rule: 'KnownStage',
        assertion: 'Stage is dev or prod.',
        message: 'Stage="bad": Stage is dev or prod. (rule KnownStage)',
      },
      {
        parameters: ['Stage'],
        rule: 'NotBad',
        assertion: 'Stage may not be bad.',
        message: 'Stage="bad": Stage may not be bad. (rule NotBad)',
      },
    ]);
  });

  it('refuses a stage outside the list that Fn::Not [Fn::Equals] allows', () => {
    expect(checkTemplateValues(template, values({ Stage: 'test' })).map((p) => p.rule)).toEqual(['KnownStage']);
  });

  it('accepts dev, and names the assertions only CloudFormation can decide', () => {
    expect(checkTemplateValues(template, values({ Stage: 'dev' }))).toEqual([]);
    expect(undecidedAssertions(template, values({ Stage: 'dev' })).map((u) => u.rule)).toEqual(['SubnetsInVpc', 'SubnetsExist']);
  });

  it('says why Fn::RefAll cannot be decided when subnets are given, and refuses nothing for it', () => {
    expect(checkTemplateValues(template, values({ Stage: 'prod', Subnets: 'subnet-1,subnet-2' }))).toEqual([]);
    expect(undecidedAssertions(template, values({ Stage: 'prod', Subnets: 'subnet-1' })).map((u) => [u.rule, u.reason])).toEqual([
      ['SubnetsInVpc', 'Fn::ValueOfAll reads attributes of AWS resources: only CloudFormation can tell'],
      ['SubnetsExist', 'Fn::RefAll AWS::EC2::Subnet::Id lists what the account holds: only CloudFormation can tell'],
    ]);
  });

  it('says a parameter without a value cannot be decided (an update keeps its value)', () => {
    expect(checkTemplateValues(template, values({}), { missing: 'unknown' })).toEqual([]);
    expect(undecidedAssertions(template, values({}), { missing: 'unknown' })[0]).toEqual({
      rule: 'KnownStage',
      description: 'Stage is dev or prod.',
      reason: 'parameter Stage keeps a value not known here',
    });
  });
});
