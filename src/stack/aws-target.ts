/**
 * Checks of `--region` and `--profile` made before any AWS call, so a typo is exit 2 with
 * "did you mean" rather than a network or XML error: a region name must look like one (and a
 * well-formed name this version does not know gets a note), a profile must exist in the
 * shared config or credentials file.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_REGIONS, REGION_NAME } from '../console/regions';
import { UserError } from '../errors';
import { closest } from '../suggest';

/** Regions this version knows: the aws partition's, China's and GovCloud's (November 2026). */
export const KNOWN_REGIONS: readonly string[] = [
  ...CONSOLE_REGIONS.map((r) => r.code),
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

/**
 * Refuses a name that is not a region name or is a typo of a known one, suggesting the
 * closest; returns a note for a well-formed name far from every known one (a region newer
 * than this list works; the SDK reports a name that does not exist).
 */
export function checkRegionName(region: string, flag = '--region'): string | undefined {
  if (KNOWN_REGIONS.includes(region)) return undefined;
  const near = closest(region, KNOWN_REGIONS);
  // Malformed, or a typo in the letters of a known region (eu-wst-1): refused. Otherwise
  // (another number, ap-southeast-9; or far from every known name) perhaps a region newer
  // than this list: only a note.
  const sameArea = near !== undefined && near.replace(/\d+$/, '') === region.replace(/\d+$/, '');
  if (!REGION_NAME.test(region) || (near && !sameArea)) {
    throw new UserError(
      `${flag} ${JSON.stringify(region)} is not an AWS region${near ? ` (did you mean ${near}?)` : ''}: ` +
        'a region is written like us-west-2 or eu-central-1.',
    );
  }
  return `Note: ${region} is not a region this version of fargate-oidc knows${near ? ` (did you mean ${near}?)` : ''}; trying it anyway.`;
}

/** The region a command will use and where it comes from, if set by a flag or the environment. */
export function givenRegion(flag: string | undefined, env: NodeJS.ProcessEnv): { region: string; from: string } | undefined {
  if (flag !== undefined) return { region: flag, from: '--region' };
  if (env['AWS_REGION']) return { region: env['AWS_REGION'], from: 'AWS_REGION' };
  if (env['AWS_DEFAULT_REGION']) return { region: env['AWS_DEFAULT_REGION'], from: 'AWS_DEFAULT_REGION' };
  return undefined;
}

/** Profile names in the text of a shared config file (`[profile x]`, `[default]`) or credentials file (`[x]`). */
export function profileNames(text: string, kind: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)) {
    const section = m[1] ?? '';
    if (kind === 'credentials') names.push(section);
    else if (section === 'default') names.push(section);
    else if (section.startsWith('profile ')) names.push(section.slice('profile '.length).trim());
  }
  return names;
}

/**
 * Refuses a `--profile` found in neither shared file (AWS_CONFIG_FILE, default ~/.aws/config;
 * AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials), naming it, the files and the
 * closest profile.
 */
export function checkProfile(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
  read: (path: string) => string | undefined = readIfExists,
  home: string = homedir(),
  flag = '--profile',
): void {
  const files = {
    config: env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config'),
    credentials: env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials'),
  };
  const names = new Set<string>();
  for (const kind of ['config', 'credentials'] as const) {
    const text = read(files[kind]);
    if (text !== undefined) for (const n of profileNames(text, kind)) names.add(n);
  }
  if (names.has(profile)) return;
  const near = closest(profile, [...names]);
  throw new UserError(
    `${flag} ${profile}: no such profile in ${files.config} or ${files.credentials}` +
      (near ? ` (did you mean ${near}?)` : names.size > 0 ? ` (profiles: ${[...names].join(', ')})` : ' (neither file has a profile)') +
      '. Create it with "aws configure --profile NAME" or "aws configure sso", or pass another --profile.',
  );
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The checks every command that calls AWS makes first: the region (from `--region` or the
 * environment) and the profile (`--profile`, else AWS_PROFILE). Notes go to `warn`.
 */
export function checkAwsTarget(
  target: { region?: string | undefined; profile?: string | undefined },
  warn: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const given = givenRegion(target.region, env);
  if (given) {
    const note = checkRegionName(given.region, given.from);
    if (note) warn(note);
  }
  if (target.profile !== undefined) checkProfile(target.profile, env);
  else if (env['AWS_PROFILE']) checkProfile(env['AWS_PROFILE'], env, readIfExists, homedir(), 'AWS_PROFILE');
}
