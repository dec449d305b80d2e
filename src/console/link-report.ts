/** Printing a quick-create link: the URL, what was left out of it, and the Markdown button. */
import { launchStackMarkdown, QUICK_CREATE_URL_LIMIT, type QuickCreateLink } from './quick-create';

/** The lines `url` and `publish` print for a link. */
export function linkLines(link: QuickCreateLink): string[] {
  const lines = [`Quick-create URL (${link.length} of ${QUICK_CREATE_URL_LIMIT.toLocaleString('en-US')} characters):`, link.url];
  if (link.omittedDefaults.length > 0) {
    lines.push(`Left out (equal to their defaults, which the console fills in): ${link.omittedDefaults.join(', ')}.`);
  }
  if (link.omittedNoEcho.length > 0) {
    lines.push(
      `Not in the URL (NoEcho: type ${link.omittedNoEcho.length === 1 ? 'it' : 'them'} in the console): ${link.omittedNoEcho.join(', ')}.`,
    );
  }
  if (link.missingRequired.length > 0) {
    lines.push(
      `Required, no value given (the console asks for ${link.missingRequired.length === 1 ? 'it' : 'them'}): ${link.missingRequired.join(', ')}.`,
    );
  }
  lines.push('', 'Launch Stack button (Markdown):', launchStackMarkdown(link.url));
  return lines;
}
