/**
 * Every relative link of README.md, CONTRIBUTING.md and docs/**.md resolves: the file (or
 * folder) exists in the repository, and an #anchor names a heading of the target page, by
 * GitHub's anchor rules (src/docs/markdown.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { headingAnchors, markdownLinks } from '../../src/docs/markdown';
import { docFiles, readDoc, ROOT } from '../doc-files';

/** What is wrong with one link of `file`, or undefined when it resolves. */
function brokenLink(file: string, path: string, anchor: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined; // https:, mailto:
  const target = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
  if (relative(ROOT, join(ROOT, target)).startsWith('..')) return `${path} points outside the repository`;
  if (!existsSync(join(ROOT, target))) return `${path}: no such file`;
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(join(ROOT, target)).isDirectory()) return `${path}#${anchor}: a folder has no anchors`;
  if (!target.endsWith('.md'))
    return /^L\d+(-L\d+)?$/.test(anchor) ? undefined : `${path}#${anchor}: only .md files and line anchors (#L12) have anchors`;
  return headingAnchors(readDoc(target)).has(anchor) ? undefined : `${path || file}#${anchor}: no such heading in ${target}`;
}

describe('links in the docs', () => {
  it('finds the docs (sanity)', () => {
    expect(docFiles()).toEqual(
      expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/config.md', 'docs/rules.md', 'docs/cli/deploy.md']),
    );
  });

  it.each(docFiles())('%s: every relative link resolves, #anchor included', (file) => {
    const broken = markdownLinks(readDoc(file))
      .map((l) => ({ line: l.line, problem: brokenLink(file, l.path, l.anchor) }))
      .filter((b) => b.problem !== undefined)
      .map((b) => `${file}:${b.line}: ${b.problem}`);
    expect(broken).toEqual([]);
  });

  it('catches a missing file, a missing heading and a link out of the repository (control)', () => {
    expect(brokenLink('docs/deploy.md', 'nope.md', undefined)).toBe('nope.md: no such file');
    expect(brokenLink('docs/deploy.md', 'security.md', 'no-such-heading')).toBe(
      'security.md#no-such-heading: no such heading in docs/security.md',
    );
    expect(brokenLink('docs/deploy.md', '../../x', undefined)).toBe('../../x points outside the repository');
    expect(brokenLink('docs/deploy.md', 'security.md', 'the-proof-npm-run-verifyiam')).toBeUndefined();
    expect(brokenLink('README.md', '', 'documentation')).toBeUndefined();
  });
});
