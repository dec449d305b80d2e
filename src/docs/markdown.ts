/**
 * What the documentation checks need to read from a Markdown file, the way GitHub renders it:
 * the anchors its headings get, the links outside code, and the code (fenced blocks and inline
 * spans). Small and pure: no Markdown library, only the parts our docs use (ATX headings,
 * inline links, backtick fences).
 */

/** A fenced code block: its info string (`sh`, `yaml`, or empty) and its lines. */
export interface CodeBlock {
  /** The word after the opening fence, e.g. `sh`; empty when there is none. */
  readonly lang: string;
  /** The lines between the fences. */
  readonly lines: readonly string[];
  /** 1-based line number of the opening fence. */
  readonly line: number;
}

/** A link written as `[text](target)` outside code. */
export interface MarkdownLink {
  /** The target as written (before `#`), empty for a link within the page. */
  readonly path: string;
  /** The anchor after `#`, or undefined when there is none. */
  readonly anchor: string | undefined;
  /** 1-based line number. */
  readonly line: number;
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/;

/** Splits a file into prose lines (code blocks blanked, so line numbers stay) and code blocks. */
function split(markdown: string): { prose: string[]; blocks: CodeBlock[] } {
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { fence: string; lang: string; line: number; lines: string[] } | undefined;
  markdown.split('\n').forEach((text, i) => {
    const fence = FENCE.exec(text);
    if (open === undefined && fence) {
      open = { fence: fence[1] as string, lang: fence[2] as string, line: i + 1, lines: [] };
      prose.push('');
    } else if (open !== undefined && fence && text.trim().startsWith(open.fence) && text.trim().replace(/[`~]/g, '') === '') {
      blocks.push({ lang: open.lang, lines: open.lines, line: open.line });
      open = undefined;
      prose.push('');
    } else if (open !== undefined) {
      open.lines.push(text);
      prose.push('');
    } else {
      prose.push(text);
    }
  });
  return { prose, blocks };
}

/** The fenced code blocks of a file, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  return split(markdown).blocks;
}

/**
 * The inline code spans (`` `...` ``) outside fenced blocks, with the line each starts on. A span
 * may run over a line break (not a blank line); the break reads as a space, as when rendered.
 */
export function inlineCode(markdown: string): { code: string; line: number }[] {
  const spans: { code: string; line: number }[] = [];
  const prose = split(markdown).prose.join('\n');
  for (const m of prose.matchAll(/(`+)((?:(?!\n\s*\n)[^`])+?)\1(?!`)/g)) {
    const line = prose.slice(0, m.index).split('\n').length;
    spans.push({ code: (m[2] as string).replace(/\s*\n\s*/g, ' ').trim(), line });
  }
  return spans;
}

/**
 * The anchor GitHub gives a heading's text: lower case, every character that is not a letter,
 * digit, space, hyphen or underscore dropped, spaces turned into hyphens (github-slugger's rule).
 * Inline code keeps its text, a link its label, emphasis loses its markers.
 */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/<[^>]+>/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Every anchor a file has: each heading's slug (a repeated one gets `-1`, `-2`…, as on GitHub)
 * and each HTML `id` or `name` attribute.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const text of split(markdown).prose) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const slug = githubSlug(heading[1] as string);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1] as string);
  }
  return anchors;
}

/** The inline links of a file outside code (`[text](target)`, images too), in order. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  split(markdown).prose.forEach((text, i) => {
    const withoutCode = text.replace(/(`+)[\s\S]*?\1/g, '');
    for (const m of withoutCode.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1] as string;
      const hash = target.indexOf('#');
      links.push({
        path: hash >= 0 ? target.slice(0, hash) : target,
        anchor: hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : undefined,
        line: i + 1,
      });
    }
  });
  return links;
}
