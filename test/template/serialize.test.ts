import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileTemplate, sizeWarnings } from '../../src/template/compile';
import { TemplateTooLargeError } from '../../src/errors';
import { findDanglingReferences } from '../../src/template/references';
import { TEMPLATE_BODY_LIMIT, TEMPLATE_S3_LIMIT } from '../../src/template/quotas';
import { toJson, toYaml } from '../../src/template/serialize';

/** The default template's size budget (issue 18): room for the front door and the deployer, readable. */
const DEFAULT_TEMPLATE_BUDGET = 100_000;
import type { Json } from '../../src/template/cfn';
import { compiled } from './helpers';

const ROOT = join(__dirname, '..', '..');

/** Parses YAML with PyYAML, a YAML 1.1 parser like CloudFormation's and cfn-lint's. */
function pyyaml(text: string): Json {
  const out = execFileSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], {
    input: text,
  });
  return JSON.parse(out.toString()) as Json;
}

describe('YAML output', () => {
  it('reads back as the same object under YAML 1.1 rules (PyYAML)', () => {
    expect(pyyaml(compiled.yaml)).toEqual(compiled.plain);
  });

  it('reads back as the same object with the yaml package in 1.1 mode', () => {
    expect(parse(compiled.yaml, { version: '1.1' })).toEqual(compiled.plain);
  });

  it('quotes the template version, which YAML 1.1 would read as a date', () => {
    expect(compiled.yaml).toContain('AWSTemplateFormatVersion: "2010-09-09"');
  });

  it('keeps YAML 1.1 booleans, nulls, numbers-as-strings and dates as strings', () => {
    const tricky = {
      a: 'yes',
      b: 'no',
      c: 'on',
      d: 'off',
      e: 'y',
      f: 'n',
      g: 'Yes',
      h: 'OFF',
      i: '2010-09-09',
      j: '~',
      k: 'null',
      l: '0777',
      m: '1_000',
      n: '12:30:00',
      o: '0x1F',
      p: '1e3',
      q: '.inf',
      r: '*',
      s: 'true',
    };
    expect(pyyaml(toYaml(tricky))).toEqual(tricky);
  });

  it('writes any string so that PyYAML reads it back unchanged (1,500 random tricky strings)', () => {
    const alphabet = [
      'y',
      'es',
      'n',
      'o',
      'O',
      'N',
      'ff',
      'true',
      'null',
      '~',
      '0',
      '1',
      '9',
      '.',
      '-',
      '+',
      ':',
      ' ',
      '#',
      '*',
      '&',
      '!',
      '|',
      '>',
      "'",
      '"',
      '%',
      '@',
      '`',
      '{',
      '}',
      '[',
      ']',
      ',',
      '?',
      '=',
      '<',
      '\\',
      '\n',
      '\t',
      '/',
      '$',
      'é',
      '\u2028',
      '\u0085',
      '😀',
      'a',
      'Z',
      '_',
      'x',
      '2010-09-09',
      '0x',
      'e3',
      '.inf',
      '<<',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const strings: Record<string, Json> = {};
    for (let i = 0; i < 1500; i++) {
      let s = '';
      const len = rand(6);
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)];
      strings[`k${i}${s}`] = [s, { [s || 'empty']: s }];
    }
    expect(pyyaml(toYaml(strings))).toEqual(strings);
    expect(parse(toYaml(strings), { version: '1.1' })).toEqual(strings);
  });

  it('writes nested lists, empty containers, numbers, booleans and null; short collections in flow style', () => {
    const data: { [key: string]: Json } = {
      a: [[1, [2]], { b: [] }, {}],
      c: { d: null, e: false, f: 1.5, g: -3 },
      h: [{ i: [{ j: 'k' }] }],
    };
    expect(toYaml(data).split('\n').slice(1).join('\n')).toBe(
      ['a: [[1, [2]], {b: []}, {}]', 'c: {d: null, e: false, f: 1.5, g: -3}', 'h: [{i: [{j: k}]}]', ''].join('\n'),
    );
    expect(pyyaml(toYaml(data))).toEqual(data);
  });

  it('writes a collection over 200 characters as a block, and quotes flow scalars with indicators', () => {
    const long = 'x'.repeat(150);
    const data: { [key: string]: Json } = { a: [long, long], b: { 'Fn::GetAtt': ['Role', 'Arn'], s: '$default', t: 'a?b' } };
    expect(toYaml(data).split('\n').slice(1).join('\n')).toBe(
      ['a:', `  - ${long}`, `  - ${long}`, 'b: {"Fn::GetAtt": [Role, Arn], s: "$default", t: "a?b"}', ''].join('\n'),
    );
    expect(pyyaml(toYaml(data))).toEqual(data);
  });

  it('JSON output is compact and parses to the same object', () => {
    expect(JSON.parse(compiled.json)).toEqual(compiled.plain);
    expect(toJson({ a: [1, 'x'], b: { c: [] } })).toBe('{"a":[1,"x"],"b":{"c":[]}}\n');
  });
});

describe('compiler', () => {
  it('is deterministic: the same input gives byte-identical files', () => {
    const again = compileTemplate();
    expect(again.yaml).toBe(compiled.yaml);
    expect(again.json).toBe(compiled.json);
  });

  it('writes resources as Type, Condition, DependsOn, DeletionPolicy, ..., Properties', () => {
    const provider = (compiled.plain['Resources'] as Record<string, Record<string, Json>>)['GitHubOidcProvider'] as Record<string, Json>;
    expect(Object.keys(provider)).toEqual(['Type', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Properties']);
  });

  it('keeps the default template, front door and deployer inline, within its 100,000-byte budget in both formats', () => {
    expect(compiled.plain['Resources']).toHaveProperty('FrontDoorFunction');
    expect(Buffer.byteLength(compiled.yaml)).toBeLessThanOrEqual(DEFAULT_TEMPLATE_BUDGET);
    expect(Buffer.byteLength(compiled.json)).toBeLessThanOrEqual(DEFAULT_TEMPLATE_BUDGET);
  });

  it('warns about a file over the 51,200-byte body limit and refuses one over the 1,000,000-byte S3 limit', () => {
    expect(sizeWarnings({ 'a.yaml': 'x'.repeat(TEMPLATE_BODY_LIMIT) })).toEqual([]);
    const [warning, ...rest] = sizeWarnings({ 'a.yaml': 'x'.repeat(TEMPLATE_BODY_LIMIT + 1) });
    expect(rest).toEqual([]);
    expect(warning).toContain("a.yaml is 51201 bytes, over CloudFormation's 51200-byte limit");
    expect(warning).toContain('managed S3 bucket');
    expect(sizeWarnings({ 'a.yaml': 'x'.repeat(TEMPLATE_S3_LIMIT) })).toHaveLength(1);
    expect(() => sizeWarnings({ 'a.yaml': 'x'.repeat(TEMPLATE_S3_LIMIT + 1) })).toThrow(TemplateTooLargeError);
    expect(() => sizeWarnings({ 'a.yaml': 'x'.repeat(TEMPLATE_S3_LIMIT + 1) })).toThrow(
      /1000001 bytes, over CloudFormation's 1000000-byte limit/,
    );
  });

  it('leaves no dangling Ref, GetAtt, Sub variable, condition or DependsOn', () => {
    expect(findDanglingReferences(compiled.plain)).toEqual([]);
  });

  it('out/ is what src/ compiles to (run npm run build and commit out/ if this fails)', () => {
    expect(readFileSync(join(ROOT, 'out', 'template.yaml'), 'utf8')).toBe(compiled.yaml);
    expect(readFileSync(join(ROOT, 'out', 'template.json'), 'utf8')).toBe(compiled.json);
  });
});

describe('reference checker', () => {
  it('finds each kind of dangling reference', () => {
    const broken = {
      Parameters: { P: { Type: 'String' } },
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'Nope' }, ''] } },
      Resources: {
        A: {
          Type: 'AWS::SNS::Topic',
          Condition: 'Missing',
          DependsOn: ['Ghost'],
          Properties: {
            TopicName: { 'Fn::Sub': '${P}-${Unknown}-${B.Arn}-${!Literal}' },
            X: { 'Fn::GetAtt': ['Gone', 'Arn'] },
            Y: { 'Fn::If': ['NoCond', 'a', 'b'] },
            Z: { 'Fn::Sub': ['${local}', { local: { Ref: 'P' } }] },
          },
        },
      },
      Outputs: { O: { Value: { Ref: 'A' } } },
    };
    expect(findDanglingReferences(broken)).toEqual([
      'Conditions.C.Fn::Equals[0]: Nope is not a parameter or pseudo parameter',
      'Resources.A.Condition: condition Missing is not defined',
      'Resources.A.DependsOn: Ghost is not a resource',
      'Resources.A.Properties.TopicName: Unknown is not a parameter, resource or pseudo parameter',
      'Resources.A.Properties.TopicName: Sub ${B.Arn} names no resource',
      'Resources.A.Properties.X: GetAtt of Gone, which is not a resource',
      'Resources.A.Properties.Y: condition NoCond is not defined',
    ]);
  });
});
