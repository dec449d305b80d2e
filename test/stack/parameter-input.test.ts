import { ParameterInputError } from '../../src/errors';
import { parseParameterFlags, parseParametersFile, readParameterInputs } from '../../src/stack/parameters';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterInputError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parameter input without prototype lookups or silent duplicates', () => {
  it('accepts a file saved with a UTF-8 byte order mark, in both shapes', () => {
    expect({ ...parseParametersFile('\uFEFF{"AppName": "shop"}', 'p.json') }).toEqual({ AppName: 'shop' });
    expect({ ...parseParametersFile('\uFEFF[{"ParameterKey": "AppName", "ParameterValue": "shop"}]', 'p.json') }).toEqual({
      AppName: 'shop',
    });
    expect({ ...readParameterInputs('p.json', [], () => '\uFEFF{"AppName": "shop"}') }).toEqual({ AppName: 'shop' });
  });

  it('refuses a key given twice in a JSON object file, naming the key and both lines', () => {
    const text = '{\n  "GitHubOrg": "acme",\n  "GitHubRepo": "web",\n  "GitHubOrg": "evil"\n}';
    expect(message(() => parseParametersFile(text, 'p.json'))).toBe('p.json: GitHubOrg is given twice (line 2 and line 4); keep one.');
  });

  it('refuses a key given twice in the list shape, naming both entries', () => {
    const text = JSON.stringify([
      { ParameterKey: 'GitHubOrg', ParameterValue: 'a' },
      { ParameterKey: 'AppName', ParameterValue: 'x' },
      { ParameterKey: 'GitHubOrg', ParameterValue: 'b' },
    ]);
    expect(message(() => parseParametersFile(text, 'p.json'))).toBe('p.json: GitHubOrg is given twice (entry 1 and entry 3); keep one.');
  });

  it('takes toString, constructor and __proto__ as ordinary names, once each', () => {
    const flags = parseParameterFlags(['toString=x', 'constructor=y', '__proto__=z']);
    expect(Object.keys(flags)).toEqual(['toString', 'constructor', '__proto__']);
    // biome-ignore lint/suspicious/noProto: the test is that a flag named __proto__ is kept as a plain key.
    expect(flags['__proto__']).toBe('z');
    expect(Object.getPrototypeOf(flags)).toBeNull();
    const file = parseParametersFile('{"__proto__": "p", "toString": "t"}', 'p.json');
    expect(Object.keys(file)).toEqual(['__proto__', 'toString']);
    const merged = readParameterInputs('p.json', ['toString=flag'], () => '{"__proto__": "p", "toString": "t"}');
    expect({ ...merged }).toEqual({ ['__proto__']: 'p', toString: 'flag' });
  });

  it('still refuses a flag given twice', () => {
    expect(message(() => parseParameterFlags(['toString=a', 'toString=b']))).toBe('--parameter toString is given twice.');
  });
});
