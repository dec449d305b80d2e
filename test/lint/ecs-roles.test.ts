import { lintTexts } from '../../src/lint/index';
import { compileTemplate } from '../../src/template/compile';

/** Our own findings on one template (cfn-lint skipped: these are about our rules only). */
async function ours(text: string) {
  const findings = await lintTexts([{ file: 't.yaml', text }]);
  return findings.filter((f) => f.source === 'fargate-oidc').map((f) => `${f.line} ${f.severity} ${f.rule} ${f.message}`);
}

const policy = (statements: string) => `Resources:
  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;

describe('ECS role rules (FO120-FO122)', () => {
  it('names the missing RegisterTaskDefinition keys, what they leave open and the fix', async () => {
    const text = policy(`          - Effect: Allow
            Action: ecs:RegisterTaskDefinition
            Resource: !Sub arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:task-definition/app:*
            Condition:
              StringEqualsIfExists: { ecs:privileged: "false" }
`);
    expect(await ours(text)).toEqual([
      '9 warning FO122 ecs:RegisterTaskDefinition is allowed with no condition on ecs:task-cpu, ecs:task-memory, ecs:compute-compatibility, ' +
        'so a stolen token chooses task CPU, task memory, EC2 or EXTERNAL tasks freely. ' +
        'Add NumericEquals ecs:task-cpu/ecs:task-memory = your task size (Ref the parameters), ' +
        'ForAllValues:StringEquals ecs:compute-compatibility "FARGATE" with Null ecs:compute-compatibility "false", ' +
        'and StringEqualsIfExists ecs:privileged "false".',
    ]);
  });

  it('counts keys tested by a Deny statement of the same policy that covers the action', async () => {
    const text = policy(`          - Effect: Allow
            Action: ecs:RegisterTaskDefinition
            Resource: !Sub arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:task-definition/app:*
            Condition:
              NumericEquals: { ecs:task-cpu: "256", ecs:task-memory: "512" }
          - Effect: Deny
            Action: ecs:Register*
            Resource: "*"
            Condition:
              StringEquals: { ecs:privileged: "true" }
              ForAnyValue:StringEquals: { ecs:compute-compatibility: [EC2, EXTERNAL] }
`);
    expect(await ours(text)).toEqual([]);
  });

  it('leaves "ecs:*" to FO101 instead of reporting it twice', async () => {
    const text = policy(`          - Effect: Allow
            Action: ecs:*
            Resource: "*"
`);
    expect((await ours(text)).map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual(['9 error FO101']);
  });

  it("finds nothing in the project's own template", async () => {
    // Only the size warning (FO301: over 51,200 bytes since issue 19; deploy sends it through S3).
    expect((await ours(compileTemplate().yaml)).filter((f) => !f.includes(' FO301 '))).toEqual([]);
  });
});
