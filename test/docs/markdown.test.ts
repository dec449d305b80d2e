import { codeBlocks, githubSlug, headingAnchors, inlineCode, markdownLinks } from '../../src/docs/markdown';

describe('githubSlug', () => {
  it.each([
    // Anchors GitHub gave the README's headings (they were linked from it before the split).
    ['A stable HTTPS address that wakes the app (the front door)', 'a-stable-https-address-that-wakes-the-app-the-front-door'],
    ['What it costs (us-west-2)', 'what-it-costs-us-west-2'],
    ['Run it from GitHub', 'run-it-from-github'],
    ['The proof: `npm run verify:iam`', 'the-proof-npm-run-verifyiam'],
    ['What `build` writes, and where', 'what-build-writes-and-where'],
    ['Sources (read 2026-11-29)', 'sources-read-2026-11-29'],
    ["Install it into your app's repository", 'install-it-into-your-apps-repository'],
    ['FO101', 'fo101'],
    ['[Linked](x.md) *emphasis* snake_case', 'linked-emphasis-snake_case'],
  ])('%s → %s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });
});

describe('headingAnchors', () => {
  it('numbers repeated headings as GitHub does, reads HTML anchors, and skips code blocks', () => {
    const md = ['# Title', '## Notes', '```sh', '# not a heading', '```', '## Notes', '<a id="here"></a>', '### Notes ##'].join('\n');
    expect([...headingAnchors(md)]).toEqual(['title', 'notes', 'notes-1', 'here', 'notes-2']);
  });
});

describe('markdownLinks, codeBlocks and inlineCode', () => {
  const md = ['See [a](a.md#x) and `[not](a link)`.', '```yaml', '[no](link.md)', '```', '![img](i.png "title") [self](#top)'].join('\n');

  it('find links outside code, with their anchors and lines', () => {
    expect(markdownLinks(md)).toEqual([
      { path: 'a.md', anchor: 'x', line: 1 },
      { path: 'i.png', anchor: undefined, line: 5 },
      { path: '', anchor: 'top', line: 5 },
    ]);
  });

  it('find fenced blocks with their language, and inline code outside them', () => {
    expect(codeBlocks(md)).toEqual([{ lang: 'yaml', lines: ['[no](link.md)'], line: 2 }]);
    expect(inlineCode(md)).toEqual([{ code: '[not](a link)', line: 1 }]);
  });
});
