/** The S3 key prefix of `publish`: its default and what a prefix may not contain. Pure. */

/** The default key prefix. */
export const DEFAULT_PREFIX = 'fargate-oidc/';

/**
 * What is wrong with a key prefix, or undefined. A `.` or `..` segment is refused because a
 * URL resolves it away (the printed URL would point at another key than the one uploaded),
 * and control characters because S3 answers them with an XML error.
 */
export function prefixProblem(prefix: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(prefix)) {
    return `--prefix ${JSON.stringify(prefix)} contains a control character (a newline, tab, ...): use letters, digits and / - _ . only.`;
  }
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..')) {
    return (
      `--prefix ${JSON.stringify(prefix)} has a "." or ".." segment: S3 keys are not paths, and a URL resolves such a ` +
      'segment away, so the printed URL would not point at the uploaded template. Use a plain prefix such as templates/.'
    );
  }
  return undefined;
}
