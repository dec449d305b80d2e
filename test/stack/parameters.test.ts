import { checkParameterInputs, parseParameterFlags, parseParametersFile, parseTags, stackParameters } from '../../src/stack/parameters';
import { ParameterInputError } from '../../src/errors';
import { compiledTemplate } from '../../src/stack/template';

const specs = compiledTemplate().parameters;

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterInputError);
    return (e as Error).message;
  }
  throw new Error('expected a ParameterInputError');
}

describe('parameters files', () => {
  it('reads the CloudFormation CLI shape', () => {
    const text = JSON.stringify([
      { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
      { ParameterKey: 'DesiredCount', ParameterValue: '1' },
      { ParameterKey: 'ImageTag', UsePreviousValue: true },
    ]);
    expect(parseParametersFile(text, 'p.json')).toEqual({ GitHubOrg: 'acme', DesiredCount: '1', ImageTag: null });
  });

  it('reads a plain object, writing numbers, booleans and lists as CloudFormation text', () => {
    const text = JSON.stringify({
      GitHubOrg: 'acme',
      DesiredCount: 1,
      UseFargateSpot: false,
      ExistingSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    });
    expect(parseParametersFile(text, 'p.json')).toEqual({
      GitHubOrg: 'acme',
      DesiredCount: '1',
      UseFargateSpot: 'false',
      ExistingSubnetIds: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    });
  });

  it('reads params/example.json and its values pass the template rules', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const values = parseParametersFile(readFileSync('params/example.json', 'utf8'), 'params/example.json');
    expect(() => checkParameterInputs({ Parameters: specs }, values, 'unknown')).not.toThrow();
    expect(() => stackParameters(specs, values, undefined)).not.toThrow();
  });

  it('refuses what is not JSON', () => {
    expect(error(() => parseParametersFile('{GitHubOrg: acme}', 'p.json'))).toMatch(/^p\.json is not valid JSON: /);
  });

  it('refuses a file that is neither shape', () => {
    expect(error(() => parseParametersFile('"acme"', 'p.json'))).toBe(
      'p.json must be a JSON object {"Key": "value"} or a list [{"ParameterKey": "Key", "ParameterValue": "value"}].',
    );
  });

  it('refuses a list entry without ParameterKey, with unknown fields, or with both value and UsePreviousValue', () => {
    expect(error(() => parseParametersFile('[{"ParameterValue": "x"}]', 'p.json'))).toBe('p.json: entry 1 has no ParameterKey.');
    expect(error(() => parseParametersFile('[{"Key": "A", "Value": "x"}]', 'p.json'))).toBe(
      'p.json: entry 1 has unknown field Key, Value (expected ParameterKey, ParameterValue).',
    );
    expect(error(() => parseParametersFile('["A=x"]', 'p.json'))).toBe(
      'p.json: entry 1 must be an object like {"ParameterKey": "K", "ParameterValue": "V"}.',
    );
    expect(error(() => parseParametersFile('[{"ParameterKey": "A", "ParameterValue": "x", "UsePreviousValue": true}]', 'p.json'))).toBe(
      'p.json: A has both ParameterValue and UsePreviousValue; give one.',
    );
  });

  it('refuses a key given twice and a value that is an object or null', () => {
    expect(
      error(() =>
        parseParametersFile('[{"ParameterKey": "A", "ParameterValue": "x"}, {"ParameterKey": "A", "ParameterValue": "y"}]', 'p.json'),
      ),
    ).toBe('p.json: A is given twice (entry 1 and entry 2); keep one.');
    expect(error(() => parseParametersFile('{"A": {"b": 1}}', 'p.json'))).toBe(
      'p.json: A: the value must be a string, number or boolean, not object.',
    );
    expect(error(() => parseParametersFile('{"A": null}', 'p.json'))).toBe(
      'p.json: A: the value must be a string, number or boolean, not null.',
    );
  });
});

describe('--parameter and --tags', () => {
  it('splits Key=Value at the first "="', () => {
    expect(parseParameterFlags(['GitHubOrg=acme', 'X=a=b'])).toEqual({ GitHubOrg: 'acme', X: 'a=b' });
  });
  it('refuses a flag without "=" or a key given twice', () => {
    expect(error(() => parseParameterFlags(['GitHubOrg']))).toBe('--parameter GitHubOrg: expected Key=Value.');
    expect(error(() => parseParameterFlags(['A=1', 'A=2']))).toBe('--parameter A is given twice.');
  });
  it('reads tags, repeated or space-separated, and refuses the aws: prefix', () => {
    expect(parseTags(['env=prod', 'team=web owner=me'])).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'web' },
      { Key: 'owner', Value: 'me' },
    ]);
    expect(error(() => parseTags(['env']))).toBe('--tags env: expected key=value.');
    expect(parseTags(['owner=Jane Doe', 'note=a b=c'])).toEqual([
      { Key: 'owner', Value: 'Jane Doe' },
      { Key: 'note', Value: 'a' },
      { Key: 'b', Value: 'c' },
    ]);
    expect(error(() => parseTags(['aws:x=1']))).toBe('--tags aws:x: the "aws:" prefix is reserved for AWS.');
  });
});

describe('checking values against the template', () => {
  it('refuses an unknown key, naming the parameters and a near match', () => {
    expect(error(() => checkParameterInputs({ Parameters: specs }, { githuborg: 'acme' }, 'unknown'))).toMatch(
      /^Parameter githuborg: the template has no such parameter \(did you mean GitHubOrg\?\)\. Parameters: GitHubOrg, GitHubRepo, /,
    );
  });

  it('refuses a value that breaks AllowedPattern, naming the key and the pattern', () => {
    expect(error(() => checkParameterInputs({ Parameters: specs }, { AppName: 'My_App' }, 'unknown'))).toBe(
      `Parameter AppName: "My_App" does not match the pattern ${specs['AppName']?.AllowedPattern}. ${specs['AppName']?.ConstraintDescription}`,
    );
  });

  it('refuses a value outside AllowedValues', () => {
    expect(error(() => checkParameterInputs({ Parameters: specs }, { TaskCpu: '300' }, 'unknown'))).toMatch(
      /^Parameter TaskCpu: "300" is not one of 256, 512, 1024, 2048, 4096\./,
    );
  });

  it('refuses numbers outside MinValue/MaxValue and text that is not a number', () => {
    expect(error(() => checkParameterInputs({ Parameters: specs }, { ContainerPort: '70000' }, 'unknown'))).toMatch(
      /^Parameter ContainerPort: "70000" is more than the maximum 65535\./,
    );
    expect(error(() => checkParameterInputs({ Parameters: specs }, { ContainerPort: 'http' }, 'unknown'))).toMatch(
      /^Parameter ContainerPort: "http" is not a number\./,
    );
  });

  it('refuses values over a length limit', () => {
    const long = { GitHubOrg: `a${'b'.repeat(40)}` };
    expect(error(() => checkParameterInputs({ Parameters: specs }, long, 'unknown'))).toMatch(
      /^Parameter GitHubOrg: "ab+" is longer than 39 characters\./,
    );
    const huge = { GitHubRepo: 'x'.repeat(5000) };
    expect(error(() => checkParameterInputs({ Parameters: specs }, huge, 'unknown'))).toBe(
      "Parameter GitHubRepo: the value is over CloudFormation's 4,096-byte limit for a parameter value.",
    );
  });

  it('lists every problem at once', () => {
    expect(error(() => checkParameterInputs({ Parameters: specs }, { Nope: 'x', TaskCpu: '1' }, 'unknown'))).toMatch(
      /^Parameters refused:\n- Nope: the template has no such parameter\. .*\n- TaskCpu: "1" is not one of/,
    );
  });
});

describe('the CreateChangeSet parameter list', () => {
  it('refuses required parameters without a value on a new stack', () => {
    expect(error(() => stackParameters(specs, { GitHubOrg: 'acme' }, undefined))).toBe(
      'Required parameter without a value: GitHubRepo. Give them in --parameters-file or with --parameter Key=Value.',
    );
  });

  it('sends given values and leaves the rest to their defaults on a new stack', () => {
    expect(stackParameters(specs, { GitHubOrg: 'acme', GitHubRepo: 'web' }, undefined)).toEqual([
      { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
      { ParameterKey: 'GitHubRepo', ParameterValue: 'web' },
    ]);
  });

  it("sends UsePreviousValue for an existing stack's parameters that were not given", () => {
    const existing = new Set(['GitHubOrg', 'GitHubRepo', 'ImageTag']);
    expect(stackParameters(specs, { ImageTag: 'v2' }, existing)).toEqual([
      { ParameterKey: 'GitHubOrg', UsePreviousValue: true },
      { ParameterKey: 'GitHubRepo', UsePreviousValue: true },
      { ParameterKey: 'ImageTag', ParameterValue: 'v2' },
    ]);
  });

  it('refuses UsePreviousValue from a file when the stack has no previous value', () => {
    expect(error(() => stackParameters(specs, { GitHubOrg: 'acme', GitHubRepo: null }, undefined))).toBe(
      'Required parameter without a value: GitHubRepo (UsePreviousValue was asked for, but the stack has no previous value). ' +
        'Give them in --parameters-file or with --parameter Key=Value.',
    );
  });
});
