import { decodeTemplate } from '../../src/template-file/decode';
import { aliasBomb } from '../lint/helpers';

describe('reading templates', () => {
  it('turns short-form tags into long-form intrinsics', () => {
    const t = decodeTemplate(
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
    expect(t.problem).toBeUndefined();
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
    const t = decodeTemplate('t.yaml', 'AWSTemplateFormatVersion: 2010-09-09\nFlag: yes\nText: "yes"\n');
    expect(t.data).toEqual({ AWSTemplateFormatVersion: '2010-09-09', Flag: true, Text: 'yes' });
  });

  it('maps paths to line:col: scalars at the value, maps at the key, through short forms', () => {
    const t = decodeTemplate(
      't.yaml',
      'Resources:\n  R:\n    Type: X\n    Properties:\n      V: !Sub "a"\n      L:\n        - one\n        - two\n',
    );
    expect(t.locate(['Resources', 'R'])).toEqual({ line: 2, col: 3 });
    expect(t.locate(['Resources', 'R', 'Type'])).toEqual({ line: 3, col: 11 });
    expect(t.locate(['Resources', 'R', 'Properties', 'V', 'Fn::Sub'])).toEqual({ line: 5, col: 15 });
    expect(t.locate(['Resources', 'R', 'Properties', 'L', 1])).toEqual({ line: 8, col: 11 });
    expect(t.locate(['Resources', 'R', 'Properties', 'Missing', 3])).toEqual({ line: 4, col: 5 });
    expect(t.locate([])).toEqual({ line: 1, col: 1 });
  });

  it('reads tab-indented JSON with positions', () => {
    const t = decodeTemplate('t.json', '{\n\t"Resources": {\n\t\t"R": {\n\t\t\t"Type": "AWS::SNS::Topic"\n\t\t}\n\t}\n}\n');
    expect(t.data).toEqual({ Resources: { R: { Type: 'AWS::SNS::Topic' } } });
    expect(t.locate(['Resources', 'R', 'Type'])).toEqual({ line: 4, col: 12 });
  });

  it('reports duplicate keys, which JSON.parse would silently merge', () => {
    const t = decodeTemplate('t.json', '{"Condition": {"StringEquals": {"a": "1"}, "StringEquals": {"b": "2"}}}');
    expect(t.problem).toEqual({
      position: { line: 1, col: 44 },
      message: 'Duplicate key: the same key appears twice in one mapping (CloudFormation rejects the template)',
    });
  });
});

describe('reading hostile templates', () => {
  it('refuses an alias bomb without expanding it, and marks it unsafe for cfn-lint', () => {
    const t = decodeTemplate('bomb.yaml', aliasBomb());
    expect(t.data).toBeNull();
    expect(t.refused).toBe('YAML aliases expand to more than 100000 values');
    expect(t.problem).toEqual({
      position: { line: 14, col: 16 },
      message: 'YAML aliases expand to more than 100000 values (an alias bomb?); the template was not read further',
      advice: 'Write the repeated values out or use fewer aliases',
    });
  });

  it('refuses a file over 4,000,000 bytes without parsing it (four times the S3 limit)', () => {
    const text = `Resources:\n  T: {Type: AWS::SNS::Topic}\n#${'x'.repeat(4_000_000)}\n`;
    const t = decodeTemplate('big.yaml', text);
    expect(t.data).toBeNull();
    expect(t.bytes).toBe(Buffer.byteLength(text));
    expect(t.refused).toBe('over 4000000 bytes');
    expect(t.problem).toEqual({
      position: { line: 1, col: 1 },
      message: `The file is ${t.bytes} bytes, over four times CloudFormation's 1000000-byte limit; the template was not read further`,
      advice: 'Lint the template, not another file, or split it into nested stacks',
    });
  });

  it('expands a few aliases like cfn-lint does', () => {
    const t = decodeTemplate('t.yaml', 'Tags: &tags [{Key: a, Value: b}]\nOther: *tags\n');
    expect(t.problem).toBeUndefined();
    expect(t.data).toEqual({ Tags: [{ Key: 'a', Value: 'b' }], Other: [{ Key: 'a', Value: 'b' }] });
  });

  it('refuses an alias inside its own anchor', () => {
    const t = decodeTemplate('t.yaml', 'Resources: &r\n  T: [*r]\n');
    expect(t.refused).toBe('a YAML alias inside its own anchor');
    expect(t.problem?.message).toBe('YAML alias *r is inside its own anchor; the template was not read further');
    expect(t.problem?.advice).toBe('Remove the alias that points back to the value holding it');
  });

  it('reports an alias to an anchor that does not exist', () => {
    const t = decodeTemplate('t.yaml', 'Resources:\n  T:\n    Type: *nope\n');
    expect(t.problem).toEqual({ position: { line: 3, col: 11 }, message: 'Unknown YAML alias *nope: no anchor &nope comes before it' });
  });

  it('refuses nesting deeper than 200 levels with a clear message', () => {
    for (const text of [
      `Resources: ${'['.repeat(2000)}${']'.repeat(2000)}\n`,
      `{"Resources": ${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`,
    ]) {
      const t = decodeTemplate('deep', text);
      expect(t.data).toBeNull();
      expect(t.refused).toBe('nested deeper than 200 levels');
      expect(t.problem?.message).toBe('The template nests deeper than 200 levels; the template was not read further');
    }
  });

  it('reports a comment in JSON as a JSON syntax error at its position', () => {
    const t = decodeTemplate('t.json', '{\n  // the topic\n  "Resources": {}\n}\n');
    expect(t.problem).toEqual({
      position: { line: 2, col: 3 },
      message:
        "JSON syntax: Expected property name or '}' (JSON has no comments: remove // and /* */ comments or write the template in YAML)",
    });
  });

  it('places a JSON error that V8 words without "in JSON at position" where it is, not at 1:1', () => {
    // Node 20+: "Unexpected non-whitespace character after JSON at position 50" (cfn-lint: 1:51).
    const after = decodeTemplate('t.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}} // c');
    expect(after.problem?.position).toEqual({ line: 1, col: 51 });
    expect(after.problem?.message).toBe(
      'JSON syntax: Unexpected non-whitespace character after the JSON (JSON has no comments: remove // and /* */ comments or write the template in YAML)',
    );
    // Node 20+: "Unexpected token ']', ... is not valid JSON" names no position: the YAML parser's first error gives it (cfn-lint: 1:21).
    const token = decodeTemplate('t.json', '{"Resources": {"B": ]}}');
    expect(token.problem?.position).toEqual({ line: 1, col: 21 });
  });

  it('still reads a YAML flow mapping that starts with a brace', () => {
    const t = decodeTemplate('t.yaml', '{Resources: {T: {Type: AWS::SNS::Topic}}}\n');
    expect(t.problem).toBeUndefined();
    expect(t.data).toEqual({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
  });

  it('reads plain scalars as PyYAML (cfn-lint) does: y, n, 1e3 and 08 stay strings', () => {
    const t = decodeTemplate(
      't.yaml',
      'A: y\nB: n\nC: 1e3\nD: 08\nE: yes\nF: Off\nG: 010\nH: 0x1F\nI: 1_000\nJ: 1.0e+3\nK: 1.5\nL: 0o17\nM: ~\nN: 1:30\n',
    );
    expect(t.data).toEqual({
      A: 'y',
      B: 'n',
      C: '1e3',
      D: '08',
      E: true,
      F: false,
      G: 8,
      H: 31,
      I: 1000,
      J: 1000,
      K: 1.5,
      L: '0o17',
      M: null,
      N: 90,
    });
  });

  it('reads JSON numbers as JSON does', () => {
    const t = decodeTemplate('t.json', '{"Resources": {}, "A": 1e3, "B": 08.5, "C": "08"}'.replace('08.5', '0.5'));
    expect(t.data).toEqual({ Resources: {}, A: 1000, B: 0.5, C: '08' });
  });
});
