import { distributionOf, hashPins, hashedRequirements, headerOf, parseFreeze } from '../../src/lint/requirement-hashes';
import { hasHashes } from '../../src/lint/provision';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('npm run pin-hashes: the requirements file it writes', () => {
  it('reads names and versions from wheel and sdist file names (PEP 503 names)', () => {
    expect(distributionOf('cfn_lint-1.51.0-py3-none-any.whl')).toEqual({ name: 'cfn-lint', version: '1.51.0' });
    expect(distributionOf('PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.whl')).toEqual({ name: 'pyyaml', version: '6.0.2' });
    expect(distributionOf('cfn_lint-1.51.0.tar.gz')).toEqual({ name: 'cfn-lint', version: '1.51.0' });
    expect(distributionOf('notes.txt')).toBeUndefined();
  });

  it('pins every frozen package with every hash of its files, sorted, under the original header, and pip then requires hashes', () => {
    const pins = parseFreeze('cfn-lint==1.51.0\nPyYAML==6.0.2\n-e git+https://x#egg=y\n');
    const text = hashedRequirements(
      headerOf('# pinned for lint\n# hashes: npm run pin-hashes\ncfn-lint==1.51.0\n'),
      hashPins(pins, [
        { file: 'cfn_lint-1.51.0-py3-none-any.whl', sha256: B },
        { file: 'cfn_lint-1.51.0.tar.gz', sha256: A },
        { file: 'PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.whl', sha256: C },
        { file: 'PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.whl', sha256: A },
      ]),
    );
    expect(text).toBe(
      '# pinned for lint\n# hashes: npm run pin-hashes\n' +
        `cfn-lint==1.51.0 \\\n    --hash=sha256:${A} \\\n    --hash=sha256:${B}\n` +
        `PyYAML==6.0.2 \\\n    --hash=sha256:${C}\n`,
    );
    expect(hasHashes(text)).toBe(true);
  });

  it('refuses to write a pin without a file to hash', () => {
    expect(() => hashPins([{ name: 'regex', version: '2024.1.1' }], [])).toThrow('no downloaded file for regex==2024.1.1');
  });
});
