import type { Change } from '@aws-sdk/client-cloudformation';
import { renderReview, summarizeChanges, summaryLine } from '../../src/stack/changes';
import { makeColors } from '../../src/ui/color';

const change = (rc: NonNullable<Change['ResourceChange']>): Change => ({ Type: 'Resource', ResourceChange: rc });

describe('the change set review', () => {
  it('counts adds, modifies, removes and replacements (True and Conditional)', () => {
    const s = summarizeChanges([
      change({ Action: 'Add', LogicalResourceId: 'A', ResourceType: 'AWS::SNS::Topic' }),
      change({ Action: 'Modify', LogicalResourceId: 'B', ResourceType: 'AWS::ECS::Service', Replacement: 'False' }),
      change({ Action: 'Modify', LogicalResourceId: 'C', ResourceType: 'AWS::ECS::TaskDefinition', Replacement: 'True' }),
      change({ Action: 'Modify', LogicalResourceId: 'D', ResourceType: 'AWS::EC2::SecurityGroup', Replacement: 'Conditional' }),
      change({ Action: 'Remove', LogicalResourceId: 'E', ResourceType: 'AWS::SNS::Topic' }),
    ]);
    expect(s.counts).toEqual({ add: 1, modify: 3, remove: 1, replace: 2 });
    expect(summaryLine(s)).toBe('1 to add, 3 to modify, 1 to remove, 2 replacements');
    expect(s.warnings).toEqual([]);
  });

  it('lists what changes: property names, values where given, other attributes by name', () => {
    const s = summarizeChanges([
      change({
        Action: 'Modify',
        LogicalResourceId: 'TaskDefinition',
        ResourceType: 'AWS::ECS::TaskDefinition',
        Replacement: 'True',
        Details: [
          { Target: { Attribute: 'Properties', Name: 'Cpu', RequiresRecreation: 'Always', BeforeValue: '256', AfterValue: '512' } },
          { Target: { Attribute: 'Properties', Name: 'ContainerDefinitions', RequiresRecreation: 'Always' } },
          { Target: { Attribute: 'Properties', Name: 'ContainerDefinitions', RequiresRecreation: 'Always' } },
          { Target: { Attribute: 'Tags', RequiresRecreation: 'Never' } },
          { Target: { Attribute: 'Properties', Name: 'Family', RequiresRecreation: 'Conditionally', AfterValue: 'x'.repeat(60) } },
        ],
      }),
    ]);
    expect(s.rows[0]?.what).toEqual([
      'Cpu: 256 → 512 (recreates)',
      'ContainerDefinitions (recreates)',
      'Tags',
      `Family: ∅ → ${'x'.repeat(39)}… (may recreate)`,
    ]);
  });

  it.each([
    ['Remove', undefined, 'removes', 'AWS::ECR::Repository', 'the images pushed to it'],
    ['Modify', 'True', 'replaces', 'AWS::Logs::LogGroup', 'its log history'],
    [
      'Modify',
      'Conditional',
      'may replace',
      'AWS::IAM::OIDCProvider',
      'the trust every role in the account places in it (GitHub deploys fail until it is back)',
    ],
  ] as const)('calls out %s (replacement %s) of a stateful resource', (action, replacement, verb, type, loses) => {
    const s = summarizeChanges([
      change({ Action: action, LogicalResourceId: 'X', ResourceType: type, ...(replacement ? { Replacement: replacement } : {}) }),
    ]);
    expect(s.warnings).toEqual([`This change set ${verb} X (${type}): the old resource is deleted, and with it ${loses}.`]);
  });

  it('says when the old stateful resource is retained (DeletionPolicy Retain)', () => {
    const s = summarizeChanges([
      change({ Action: 'Remove', LogicalResourceId: 'GitHubOidcProvider', ResourceType: 'AWS::IAM::OIDCProvider', PolicyAction: 'Retain' }),
    ]);
    expect(s.warnings).toEqual([
      'This change set removes GitHubOidcProvider (AWS::IAM::OIDCProvider): the old resource is retained (DeletionPolicy Retain), but the stack no longer manages it.',
    ]);
  });

  it('does not call out modifying a stateful resource in place', () => {
    const s = summarizeChanges([
      change({ Action: 'Modify', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup', Replacement: 'False' }),
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('makes replacements stand out in colour, and prints plain text without colour', () => {
    const s = summarizeChanges([
      change({ Action: 'Modify', LogicalResourceId: 'C', ResourceType: 'AWS::ECS::TaskDefinition', Replacement: 'True' }),
      change({ Action: 'Remove', LogicalResourceId: 'R', ResourceType: 'AWS::ECR::Repository' }),
    ]);
    const plain = renderReview(s, makeColors(false));
    expect(plain).toEqual([
      'Action  Logical id  Type                      Replacement  Changes',
      '------  ----------  ------------------------  -----------  ---------------------',
      'Modify  C           AWS::ECS::TaskDefinition  REPLACE      (no property details)',
      'Remove  R           AWS::ECR::Repository',
      '0 to add, 1 to modify, 1 to remove, 1 replacement',
      'WARNING: This change set removes R (AWS::ECR::Repository): the old resource is deleted, and with it the images pushed to it.',
    ]);
    const coloured = renderReview(s, makeColors(true));
    expect(coloured[2]).toContain('\u001b[31m\u001b[1mREPLACE\u001b[22m\u001b[39m');
    expect(coloured[5]).toMatch(/^\u001b\[31mWARNING: /);
  });

  it('says so when a change set has no resource changes (only parameters, tags or outputs change)', () => {
    expect(renderReview(summarizeChanges([]), makeColors(false))).toEqual([
      'No resource changes: the change set updates only parameter values, tags or outputs.',
      '0 to add, 0 to modify, 0 to remove, 0 replacements',
    ]);
  });
});

describe('resources CloudFormation keeps on removal', () => {
  const remove = (id: string, type: string, policyAction?: string): Change => ({
    Type: 'Resource',
    ResourceChange: {
      Action: 'Remove',
      LogicalResourceId: id,
      ResourceType: type,
      ...(policyAction ? { PolicyAction: policyAction as 'Retain' } : {}),
    },
  });

  it("calls out every removed resource whose DeletionPolicy (in the stack's current template) retains it, whatever its type", () => {
    const s = summarizeChanges([remove('Assets', 'AWS::S3::Bucket'), remove('Queue', 'AWS::SQS::Queue')], new Map([['Assets', 'Retain']]));
    expect(s.warnings).toEqual([
      'This change set removes Assets (AWS::S3::Bucket) from the stack: CloudFormation retains it (DeletionPolicy Retain), so it stays in the account, no longer managed by the stack. Delete it yourself if it is not needed.',
    ]);
  });

  it("takes the change set's PolicyAction when the template was not read", () => {
    expect(summarizeChanges([remove('Table', 'AWS::DynamoDB::Table', 'Retain')]).warnings).toEqual([
      'This change set removes Table (AWS::DynamoDB::Table) from the stack: CloudFormation retains it (DeletionPolicy Retain), so it stays in the account, no longer managed by the stack. Delete it yourself if it is not needed.',
    ]);
  });
});
