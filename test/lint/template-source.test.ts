import { parseTemplateSource } from '../../src/lint/template-source';

describe('reading templates', () => {
  it('turns short-form tags into long-form intrinsics', () => {
    const t = parseTemplateSource(
      't.yaml',
      [
        'Resources:',
        '  R:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      A: !Ref Name',
        '      B: !GetAtt Res.Arn',
        '      C: !Sub "x-${Name}"',
        '      D: !If [Cond, !Join ["", [a, !Ref B]], !Ref AWS::NoValue]',
        '      E: !Select [0, !GetAZs ""]',
        '      F: !Base64 { "Fn::Sub": "hi" }',
        '      G: !GetAtt [Res, Outputs.Nested]',
      ].join('\n'),
    );
    expect(t.parseErrors).toEqual([]);
    expect(t.data).toEqual({
      Resources: {
        R: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            A: { Ref: 'Name' },
            B: { 'Fn::GetAtt': ['Res', 'Arn'] },
            C: { 'Fn::Sub': 'x-${Name}' },
            D: { 'Fn::If': ['Cond', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }, { Ref: 'AWS::NoValue' }] },
            E: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
            F: { 'Fn::Base64': { 'Fn::Sub': 'hi' } },
            G: { 'Fn::GetAtt': ['Res', 'Outputs.Nested'] },
          },
        },
      },
    });
  });

  it('reads YAML 1.1 like CloudFormation: yes is true, the format version stays a string', () => {
    const t = parseTemplateSource('t.yaml', 'AWSTemplateFormatVersion: 2010-09-09\nFlag: yes\nText: "yes"\n');
    expect(t.data).toEqual({ AWSTemplateFormatVersion: '2010-09-09', Flag: true, Text: 'yes' });
  });

  it('maps paths to line:col: scalars at the value, maps at the key, through short forms', () => {
    const t = parseTemplateSource('t.yaml', 'Resources:\n  R:\n    Type: X\n    Properties:\n      V: !Sub "a"\n      L:\n        - one\n        - two\n');
    expect(t.locate(['Resources', 'R'])).toEqual({ line: 2, col: 3 });
    expect(t.locate(['Resources', 'R', 'Type'])).toEqual({ line: 3, col: 11 });
    expect(t.locate(['Resources', 'R', 'Properties', 'V', 'Fn::Sub'])).toEqual({ line: 5, col: 15 });
    expect(t.locate(['Resources', 'R', 'Properties', 'L', 1])).toEqual({ line: 8, col: 11 });
    expect(t.locate(['Resources', 'R', 'Properties', 'Missing', 3])).toEqual({ line: 4, col: 5 });
    expect(t.locate([])).toEqual({ line: 1, col: 1 });
  });

  it('reads tab-indented JSON with positions', () => {
    const t = parseTemplateSource('t.json', '{\n\t"Resources": {\n\t\t"R": {\n\t\t\t"Type": "AWS::SNS::Topic"\n\t\t}\n\t}\n}\n');
    expect(t.data).toEqual({ Resources: { R: { Type: 'AWS::SNS::Topic' } } });
    expect(t.locate(['Resources', 'R', 'Type'])).toEqual({ line: 4, col: 12 });
  });

  it('reports duplicate keys, which JSON.parse would silently merge', () => {
    const t = parseTemplateSource('t.json', '{"Condition": {"StringEquals": {"a": "1"}, "StringEquals": {"b": "2"}}}');
    expect(t.parseErrors).toEqual([{ position: { line: 1, col: 44 }, message: 'Map keys must be unique' }]);
  });
});
