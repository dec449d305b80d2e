/**
 * The AWS console's quick-create link for a template in S3:
 * `https://REGION.console.aws.amazon.com/cloudformation/home?region=REGION#/stacks/create/review?templateURL=...&stackName=...&param_Name=...`
 *
 * Rules (the launch page's browser script imports these same functions, so this module and
 * what it imports stay free of Node.js APIs):
 * - every value is percent-encoded (encodeURIComponent, plus `!'()*`, so the URL also survives
 *   Markdown and shells);
 * - NoEcho parameters are never put in a URL (it ends up in browser history and logs);
 * - a parameter whose value equals its Default is left out: the console fills the default in;
 * - parameters follow the template's order, so the same values give the same URL;
 * - the console reads at most 1,024 characters: a longer URL is refused with what to drop.
 *
 * Pure: no AWS calls, no I/O.
 */
import { REGION_NAME } from './regions';
import { QuickCreateUrlTooLongError, UserError } from '../errors';
import type { Parameter } from '../template/cfn';

// The stack name rule lives in src/stack/stack-name.ts; re-exported for the launch page.
export { STACK_NAME_PATTERN, stackNameProblem } from '../stack/stack-name';

/** The console's limit for a quick-create URL (AWS docs). */
export const QUICK_CREATE_URL_LIMIT = 1024;

/** The image AWS publishes for "Launch Stack" buttons. */
export const LAUNCH_STACK_IMAGE = 'https://s3.amazonaws.com/cloudformation-examples/cloudformation-launch-stack.png';

/** Regions of partitions with their own console (China, GovCloud, ISO). */
export const OTHER_PARTITION_PATTERN = /^(cn-|us-gov-)|-iso/;
/** An S3 host that names its region; group 1 is the region. */
export const S3_REGION_HOST_PATTERN = /(?:^|\.)s3[.-](?:dualstack\.)?([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com$/;
/** An S3 host of the aws partition. */
export const S3_HOST_PATTERN = /(?:^|\.)s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com$/;

/** A parameter as the link needs it. */
export type LinkParameterSpecs = { readonly [key: string]: Pick<Parameter, 'Default' | 'NoEcho'> };

/** What the link is built from. Values must already be checked (see `checkParameterInputs`, src/stack/parameters.ts). */
export interface QuickCreateRequest {
  /** Region of the stack, e.g. `us-west-2`. */
  region: string;
  /** HTTPS URL of the template in S3 (a bucket in `region`). */
  templateUrl: string;
  stackName?: string;
  /** The template's parameters (order = order in the URL). */
  specs: LinkParameterSpecs;
  /** Values by parameter name. */
  values: { readonly [key: string]: string };
}

/** A built link, and what was left out of it. */
export interface QuickCreateLink {
  url: string;
  /** `url.length`. */
  length: number;
  /** Parameters in the URL, in order. */
  included: string[];
  /** Given, but equal to their default: left out. */
  omittedDefaults: string[];
  /** Given, but NoEcho: never in a URL; the user types them in the console. */
  omittedNoEcho: string[];
  /** Parameters without a default and without a value: the console asks for them. */
  missingRequired: string[];
}

/** encodeURIComponent, also encoding `!'()*` (RFC 3986 unreserved characters only stay). */
export function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Refuses a region the console link cannot serve: not a region name, or a partition with its
 * own console (China, GovCloud, ISO).
 */
export function checkConsoleRegion(region: string): void {
  if (!REGION_NAME.test(region)) {
    throw new UserError(`--region ${region} is not an AWS region name (e.g. us-west-2, eu-central-1).`);
  }
  if (OTHER_PARTITION_PATTERN.test(region)) {
    throw new UserError(
      `--region ${region} is in a partition with its own console; quick-create links here are for the aws partition ` +
        '(console.aws.amazon.com). Upload the template in that console instead.',
    );
  }
}

/** The region in an S3 URL's host (`bucket.s3.REGION.amazonaws.com`, `s3.REGION.amazonaws.com`, `s3-REGION`), if any. */
export function s3UrlRegion(templateUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(templateUrl).hostname;
  } catch {
    return undefined;
  }
  const m = S3_REGION_HOST_PATTERN.exec(host);
  return m?.[1];
}

/** Whether the URL's host is an S3 endpoint in the aws partition. */
export function isS3Url(templateUrl: string): boolean {
  try {
    const u = new URL(templateUrl);
    return u.protocol === 'https:' && S3_HOST_PATTERN.test(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Builds the quick-create URL. Throws {@link QuickCreateUrlTooLongError} over 1,024
 * characters, naming the length and the parts to drop.
 */
export function quickCreateLink(r: QuickCreateRequest): QuickCreateLink {
  checkConsoleRegion(r.region);
  const link: QuickCreateLink = { url: '', length: 0, included: [], omittedDefaults: [], omittedNoEcho: [], missingRequired: [] };
  const parts: string[] = [`templateURL=${encodeValue(r.templateUrl)}`];
  if (r.stackName) parts.push(`stackName=${encodeValue(r.stackName)}`);
  const paramParts: { key: string; part: string }[] = [];
  for (const [key, spec] of Object.entries(r.specs)) {
    const value = r.values[key];
    if (value === undefined) {
      if (spec.Default === undefined && !isNoEcho(spec)) link.missingRequired.push(key);
      continue;
    }
    if (isNoEcho(spec)) {
      link.omittedNoEcho.push(key);
      continue;
    }
    if (spec.Default !== undefined && String(spec.Default) === value) {
      link.omittedDefaults.push(key);
      continue;
    }
    const part = `param_${encodeValue(key)}=${encodeValue(value)}`;
    paramParts.push({ key, part });
    parts.push(part);
    link.included.push(key);
  }
  const url =
    `https://${r.region}.console.aws.amazon.com/cloudformation/home?region=${r.region}` + `#/stacks/create/review?${parts.join('&')}`;
  link.url = url;
  link.length = url.length;
  if (url.length > QUICK_CREATE_URL_LIMIT) throw tooLong(url.length, paramParts, parts[0]?.length ?? 0);
  return link;
}

function isNoEcho(spec: Pick<Parameter, 'NoEcho'>): boolean {
  return spec.NoEcho === true || String(spec.NoEcho) === 'true';
}

/** Code-unit order of parameter names (the launch page uses the same). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The error for an overlong URL: how long, by how much, and which parameters to drop first. */
function tooLong(length: number, params: { key: string; part: string }[], templatePartLength: number): QuickCreateUrlTooLongError {
  const over = length - QUICK_CREATE_URL_LIMIT;
  const cost = (p: { part: string }): number => p.part.length + 1; // the part and its "&"
  // The shortest single parameter that is enough; else the longest ones until it fits.
  const byLength = [...params].sort((a, b) => cost(a) - cost(b) || compareKeys(a.key, b.key));
  const one = byLength.find((p) => cost(p) >= over);
  const drop: string[] = [];
  let saved = 0;
  for (const p of one ? [one] : [...params].sort((a, b) => cost(b) - cost(a) || compareKeys(a.key, b.key))) {
    if (saved >= over) break;
    drop.push(p.key);
    saved += cost(p);
  }
  const advice =
    saved >= over
      ? `Leave out ${drop.join(', ')} (${saved} characters) and type ${drop.length === 1 ? 'it' : 'them'} in the console instead`
      : 'Even without any parameter it is too long';
  return new QuickCreateUrlTooLongError(
    length,
    QUICK_CREATE_URL_LIMIT,
    `The quick-create URL is ${length} characters, ${over} over the console's ${QUICK_CREATE_URL_LIMIT.toLocaleString('en-US')}-character limit. ` +
      `${advice}; or shorten the template URL (${templatePartLength - 'templateURL='.length} characters encoded: a shorter ` +
      'bucket name or prefix) or the stack name.',
  );
}

/** A Markdown "Launch Stack" button for the link. */
export function launchStackMarkdown(url: string): string {
  return `[![Launch Stack](${LAUNCH_STACK_IMAGE})](${url})`;
}
