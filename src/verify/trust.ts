/**
 * Evaluates a web-identity trust policy for a GitHub token, for the operators the template
 * uses (StringEquals, StringLike) exactly as IAM documents them: every operator block and every
 * key in it must match; a key matches when the claim equals (or, for StringLike, matches the
 * `*`/`?` pattern of) any listed value; a claim that is absent fails the key. Statements are
 * ORed; there are no Deny statements in the template's trust policy (checked by `trustShape`).
 *
 * Why our own: @cloud-copilot/iam-simulate 0.1.173's validated simulation drops the
 * `token.actions.githubusercontent.com:aud`/`:sub` context keys for
 * sts:AssumeRoleWithWebIdentity (every token is denied), and its unvalidated path fails on
 * resource policies without a name. The permission checks do use iam-simulate.
 */

/** A trust statement after the template is resolved. */
export interface TrustStatement {
  Sid?: string;
  Effect: string;
  Principal?: { Federated?: string };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM StringLike: `*` any run of characters (also empty), `?` exactly one; the rest literal. */
export function iamStringLike(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

/** True when some statement allows `providerArn` to assume the role with these claims. */
export function trustAllows(statements: TrustStatement[], providerArn: string, claims: Record<string, string>): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Allow' || s.Principal?.Federated !== providerArn) return false;
    if (!list(s.Action).includes('sts:AssumeRoleWithWebIdentity')) return false;
    return Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, values]) => {
        const claim = claims[key];
        if (claim === undefined) return false;
        if (operator === 'StringEquals') return list(values).includes(claim);
        if (operator === 'StringLike') return list(values).some((p) => iamStringLike(p, claim));
        throw new Error(`trust operator ${operator} is not modelled; extend src/verify/trust.ts`);
      }),
    );
  });
}

/**
 * What must hold of a GitHub trust policy whatever the token: problems as sentences, empty
 * when none. Every statement: Allow, the one provider, sts:AssumeRoleWithWebIdentity only, an
 * `aud` of exactly sts.amazonaws.com, a `sub` naming `repo:<org>/<repo>:` (no wildcard before
 * the ref part), no ForAllValues/ForAnyValue, no pull_request subject.
 */
export function trustShape(statements: TrustStatement[], providerArn: string, org: string, repo: string): string[] {
  const problems: string[] = [];
  const host = 'token.actions.githubusercontent.com';
  for (const s of statements) {
    const id = s.Sid ?? '(no Sid)';
    if (s.Effect !== 'Allow') problems.push(`${id}: Effect is ${s.Effect}`);
    if (s.Principal?.Federated !== providerArn) problems.push(`${id}: trusts ${String(s.Principal?.Federated)}, not the GitHub provider`);
    if (list(s.Action).join() !== 'sts:AssumeRoleWithWebIdentity') problems.push(`${id}: actions ${list(s.Action).join(', ')}`);
    const ops = Object.keys(s.Condition ?? {});
    if (ops.some((o) => o.startsWith('ForAllValues') || o.startsWith('ForAnyValue'))) problems.push(`${id}: uses a set operator`);
    const aud = ops.flatMap((o) => list(s.Condition?.[o]?.[`${host}:aud`]));
    if (aud.length !== 1 || aud[0] !== 'sts.amazonaws.com' || !s.Condition?.['StringEquals']?.[`${host}:aud`]) {
      problems.push(`${id}: aud must be StringEquals sts.amazonaws.com, is ${JSON.stringify(aud)}`);
    }
    const subs = ops.flatMap((o) => list(s.Condition?.[o]?.[`${host}:sub`]));
    if (subs.length === 0) problems.push(`${id}: no sub condition (any repository could assume the role)`);
    for (const sub of subs) {
      const named = sub.startsWith(`repo:${org}/${repo}:`) || /^repo:[^/*?]+@\d+\/[^:*?]+@\d+:/.test(sub);
      if (!named) problems.push(`${id}: sub ${sub} does not name one repository`);
      if (sub.includes('pull_request')) problems.push(`${id}: sub ${sub} admits pull requests`);
      if (/:environment:.*[*?]/.test(sub)) problems.push(`${id}: sub ${sub} admits every environment`);
    }
  }
  return problems;
}
