/**
 * The decoder reads what cfn-lint reads, as cfn-lint reads it. The reference is cfn-lint's own
 * decoder (`cfnlint.decode.decode_str`, PyYAML underneath), run once on every case below: a
 * template it reads must decode to the same data here, and one it cannot read (E0000) must be
 * one problem here. The cases are minimal templates written for this test, one construct each.
 * cfn-lint is installed on the machines that run the tests (README, development). A timestamp
 * with a time (`2001-12-14t21:59:43.10-05:00`) is left out: cfn-lint keeps a datetime, which
 * has no JSON form to compare; this reader keeps its text, as CloudFormation receives it.
 */
import { spawnSync } from 'node:child_process';
import { decodeTemplate } from '../../src/template-file/decode';
import { lintTexts } from '../../src/lint/index';

const CASES: Record<string, string> = {
  mlquoted: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "first line\n  second line"\n',
  mlsingle: "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: 'first\nsecond'\n",
  flowless: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: [\n  {Key: a, Value: b}\n]\n',
  flowless2: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: !Join [",", [\n    a,\n  b]]\n',
  anchors:
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: &p\n      DisplayName: x\n  U:\n    Type: AWS::SNS::Topic\n    Properties: *p\n',
  merge: 'Base: &b\n  Type: AWS::SNS::Topic\nResources:\n  T:\n    <<: *b\n    Properties: {}\n',
  tags: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: !Contains [[dev, prod], !Ref Stage]\n      B: !GetAtt R.Arn\n      C: !Foo 5\n      D: !!str 5\n',
  multidoc: 'Resources: {}\n---\nResources: {}\n',
  docend: '---\nResources: {}\n...\n',
  tabquoted: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "a\tb"\n',
  oddindent: 'Resources:\n   T:\n        Type: AWS::SNS::Topic\n        Properties:\n             DisplayName: x\n',
  dupkey: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n  T:\n    Type: AWS::SNS::Topic\n',
  badindent: 'Resources:\n  T:\n    Type: a\n   B: c\n',
  tabindent: 'Resources:\n\tT: 1\n',
  json: '{\n\t"Resources": {"T": {"Type": "AWS::SNS::Topic"}}\n}\n',
  jsondup: '{"Resources": {"T": {"Type": "A"}, "T": {"Type": "B"}}}',
  plainml: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: first\n        second\n',
  seqless: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      L:\n      - a\n      - b\n',
  mlquotedkey: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "a\n\n      b\\\n   c"\n',
  flowmapless: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {\nDisplayName: x}\n',
  unclosed: 'Resources:\n  T: [a, b\n',
  blockscalar: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: |\n        a\n        b\n',
  nullkey: 'Resources:\n  ~: 1\n',
  complexkey: 'Resources:\n  ? [a]\n  : 1\n',
  badescape: 'A: "\\q"\n',
  directive: '%YAML 1.1\n---\nResources: {}\n',
  timestamp: 'AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n',
  refint: 'A: !Ref 5\nB: !Sub [x, {a: 1}]\nC: !Condition c\nD: !GetAtt [R, Arn]\n',
  commentnospace: 'Resources:\n  T:\n    Type: "AWS::SNS::Topic"#c\n',
  rules:
    'Parameters:\n  Stage: {Type: String}\nRules:\n  R:\n    Assertions:\n      - Assert: !Not [!Equals [!Ref Stage, bad]]\n      - Assert: !Contains [[dev, prod], !Ref Stage]\n      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]\nResources: {}\n',
  blockthenflow:
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: |\n        say "hi\n        [unbalanced\n      Tags: [\n  {Key: a, Value: "b\n c"}\n  ]\n',
  quotedapos: "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: 'it''s\n  fine'\n",
  seqflowless: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      L:\n        - !Join ["", [\n  a, b]]\n        - c\n',
  plainquote: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: it\'s a "test\n      Other: x\n',
  mergelist: 'A: &a {x: 1, y: 1}\nB: &b {y: 2, z: 2}\nC:\n  <<: [*a, *b]\n  z: 3\n',
  bom: '\ufeffResources: {}\n',
  crlf: 'Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\r\n',
  emptyfile: '',
  flowcomment: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      L: [a, # c\n  b]\n',
  dqescape: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      D: "a\\\n  b"\n',
  docstart_quote: 'Resources:\n  T: "a\n---\n b"\n',
  ifnested:
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      D: !If\n        - C\n        - !Sub\n          - "${A}"\n          - A: !Select [0, !Split [",", !ImportValue X]]\n        - !Ref AWS::NoValue\n',
  getattsub: 'X: !GetAtt\n  - A\n  - B.C\nY: !Sub\n  - x\n  - {}\n',
  tabafter: 'Resources:\n  T:\n    Type:\tAWS::SNS::Topic\n',
  keycolon: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: a:b\n      U: http://x\n',
  foldedsub:
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub |\n        a ${AWS::Region}\n        "b\n      Other: >-\n        x\n        y\n',
  seqflowmap:
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags:\n        - {Key: a,\n      Value: b}\n        - {Key: c, Value: d}\n',
  nestedseq: 'A:\n- - a\n  - b\n- c\n',
  emptytag: 'A: !Ref\nB: !GetAZs\n',
  crlfquoted: 'Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\r\n    Properties:\r\n      DisplayName: "a\r\n  b"\r\n',
  unicode: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "h\u00e9llo \u2603\n  w\u00f6rld"\n',
  anchorkey: 'A: &k key\nB:\n  *k : 1\n',
  indentind: 'A: |2\n    x\n   y\n',
  dqmultiescaped: 'A: "line1\\nline2\n   continued \\t tab"\n',
  commentinseq: 'A:\n  # c\n  - a # c2\n  # c3\n  - b\n',
  keyquoted: '"Resources":\n  \'T\':\n    "Type": AWS::SNS::Topic\n',
  jsontrailing: '{"Resources": {"T": {"Type": "AWS::SNS::Topic"},}}',
  jsonsingle: "{'Resources': {}}",
  bigint: 'A: 12345678901234567890\nB: 0x_1F\nC: +12\nD: -0\nE: .5\nF: 1_000.5\n',
  tabsep: 'A:\t1\nB: [1,\t2]\n',
  flowseqmultikey: 'A: [a: 1, b]\n',
  percent: 'A: 50%\nB: "%x"\n',
  bools: 'A: On\nB: off\nC: Y\nD: NO\nE: ~\nF: null\nG: Null\nH: NULL\n',
  taggedkey:
    'Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: !Join [\',\', [!ImportValue Fn::Sub: "${Net}-A"]]\n',
  specialkeys: 'A:\n  ? a\n  : 1\n',
};

interface Reference {
  ok: boolean;
  data: unknown;
  errors: [number, number, string][];
}

/** cfn-lint's result for every case: whether it read it, and the data (dates as their text). */
function cfnLintDecodes(cases: Record<string, string>): Record<string, Reference> {
  const script = [
    'import json, sys',
    'from cfnlint.decode import decode_str',
    'out = {}',
    'for name, text in json.load(sys.stdin).items():',
    '    data, matches = decode_str(text)',
    "    out[name] = {'ok': not matches, 'data': json.loads(json.dumps(data, default=str)) if data is not None else None,",
    "                 'errors': [[m.linenumber, m.columnnumber, m.message] for m in matches]}",
    'print(json.dumps(out))',
  ].join('\n');
  const run = spawnSync(process.env['PYTHON'] ?? 'python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`python3 with cfn-lint is needed for this test (pip install cfn-lint): ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Record<string, Reference>;
}

const REFERENCE = cfnLintDecodes(CASES);

describe('decoding as cfn-lint decodes (reference: cfnlint.decode.decode_str on PyYAML)', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const ref = REFERENCE[name] as Reference;
    const ours = decodeTemplate(`${name}.yaml`, CASES[name] as string);
    if (ref.ok) {
      expect(ours.problem).toBeUndefined();
      expect(ours.data).toEqual(ref.data);
    } else {
      expect(ours.data).toBeNull();
      expect(ours.problem?.message).toEqual(expect.any(String));
    }
  });

  it('covers both outcomes', () => {
    const refused = Object.keys(REFERENCE).filter((k) => !REFERENCE[k]?.ok);
    expect(refused).toEqual([
      'multidoc',
      'dupkey',
      'badindent',
      'tabindent',
      'jsondup',
      'unclosed',
      'nullkey',
      'complexkey',
      'badescape',
      'docstart_quote',
      'taggedkey',
    ]);
  });
});

describe('FO001 as cfn-lint reports E0000', () => {
  it('is one finding per file, at the first problem, however many tokens are broken', async () => {
    const broken = [
      'Resources:',
      '  T:',
      '    Type: AWS::SNS::Topic',
      '   Bad: [1, 2',
      ...Array.from({ length: 200 }, (_, i) => `  K${i}: "x`),
    ].join('\n');
    const findings = await lintTexts([{ file: 'broken.yaml', text: broken }]);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['FO001', 4]]);
  });

  it('is not reported on a template cfn-lint reads, and the rules then run on it', async () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Description: "a role whose description',
      '  runs on a line indented less than its key"',
      '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [',
      '  {Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: "sts:AssumeRole"}',
      ']}',
      '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]',
    ].join('\n');
    const rules = (await lintTexts([{ file: 'lax.yaml', text }])).map((f) => `${f.rule}:${f.line}`);
    expect(rules).not.toContainEqual(expect.stringMatching(/^FO001/));
    expect(rules).toContain('FO101:10');
  });

  it('is at the real problem when a file also has what PyYAML accepts (a quoted string continued at a low indent)', async () => {
    const text =
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "first\n  second"\n  T:\n    Type: AWS::SQS::Queue\n';
    const findings = await lintTexts([{ file: 'both.yaml', text }]);
    expect(findings.map((f) => `${f.line}:${f.col} ${f.rule} ${f.message}`)).toEqual([
      '7:3 FO001 Duplicate key: the same key appears twice in one mapping (CloudFormation rejects the template). Fix it at this line; cfn-lint and CloudFormation reject the template.',
    ]);
  });

  it('keeps columns as written on the lines it re-reads', () => {
    const t = decodeTemplate('t.yaml', CASES['flowless'] as string);
    expect(t.locate(['Resources', 'T', 'Properties', 'Tags', 0, 'Key'])).toEqual({ line: 6, col: 9 });
  });
});
