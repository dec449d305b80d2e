/**
 * The launch page's checks of what the form holds when Launch Stack is pressed, made with the
 * functions the CLI uses: the S3 URL, its region and the stack name rule (`quick-create.ts`),
 * and the parameter values with `checkTemplateValues` (`template/parameter-rules.ts`: each parameter's
 * AllowedValues, pattern, lengths, Min/Max and whole numbers, then the template's `Rules`), the
 * check `deploy`, `url` and `publish` run. Pure and without DOM or Node.js APIs: the page's
 * browser script runs them, and so can jest.
 *
 * A check is a function `(form, data) → problems`. To add one, write it and list it in
 * {@link FORM_CHECKS}: the page shows each problem under the field(s) it names and once in the
 * summary at the top.
 */
import { checkTemplateValues } from '../../template/parameter-rules';
import { isS3Url, s3UrlRegion, stackNameProblem } from '../quick-create';
import type { LaunchPageData } from './page-data';

/** Element id of the template URL field. */
export const TEMPLATE_URL_FIELD = 'template-url';
/** Element id of the stack name field. */
export const STACK_NAME_FIELD = 'stack-name';

/** Element id of a parameter's field. */
export function fieldId(parameter: string): string {
  return `p-${parameter}`;
}

/** What the form holds. */
export interface LaunchForm {
  /** The region picked, e.g. `us-west-2`. */
  region: string;
  /** The template URL as typed, trimmed. */
  templateUrl: string;
  /** The stack name as typed, trimmed; empty to type it in the console. */
  stackName: string;
  /** Each parameter's field value, by parameter name. */
  values: { readonly [name: string]: string };
}

/** One thing to fix. */
export interface FormProblem {
  /**
   * Element ids of the fields it is about ({@link TEMPLATE_URL_FIELD}, {@link STACK_NAME_FIELD},
   * {@link fieldId}), in the template's order: one, or each parameter a failed rule names.
   */
  fields: string[];
  /** A sentence shown under the field and in the summary. */
  message: string;
}

/** A check of the whole form. */
export type FormCheck = (form: LaunchForm, data: LaunchPageData) => FormProblem[];

/** "the value is ..." → "The value is ...". */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The template URL: given, in S3, and in the region picked (CloudFormation reads a template only from there). */
export function templateUrlProblems(form: LaunchForm): FormProblem[] {
  const problem = (message: string): FormProblem[] => [{ fields: [TEMPLATE_URL_FIELD], message }];
  if (form.templateUrl === '') {
    return problem('Give the HTTPS URL of the template in S3 (npx fargate-oidc publish --bucket BUCKET prints it).');
  }
  if (!isS3Url(form.templateUrl)) {
    return problem('CloudFormation reads templates only from S3: https://BUCKET.s3.REGION.amazonaws.com/KEY.');
  }
  const bucketRegion = s3UrlRegion(form.templateUrl);
  if (bucketRegion && bucketRegion !== form.region) {
    return problem(
      `The template is in ${bucketRegion}, but the region is ${form.region}: ` +
        "CloudFormation reads a template only from a bucket in the stack's region.",
    );
  }
  return [];
}

/** The stack name, when given: CloudFormation's rule. */
export function stackNameProblems(form: LaunchForm): FormProblem[] {
  const problem = form.stackName === '' ? undefined : stackNameProblem(form.stackName);
  return problem ? [{ fields: [STACK_NAME_FIELD], message: sentence(problem) }] : [];
}

/**
 * The parameter values, checked by `checkTemplateValues` as for a new stack (what the form
 * holds, the template's defaults for the rest). A problem with one value is shown under its
 * field, so its message drops the leading "Name: " the CLI prints; a failed rule keeps its
 * message, which names each parameter it is about and the rule.
 */
export function parameterValueProblems(form: LaunchForm, data: LaunchPageData): FormProblem[] {
  const values = new Map<string, string>();
  for (const name of Object.keys(data.Parameters)) {
    const value = Object.hasOwn(form.values, name) ? form.values[name] : undefined;
    if (value !== undefined) values.set(name, value);
  }
  return checkTemplateValues(data, values).map((p) => {
    const [only] = p.parameters;
    const prefix = `${only}: `;
    const own = p.rule === undefined && p.parameters.length === 1 && p.message.startsWith(prefix);
    return { fields: p.parameters.map(fieldId), message: own ? sentence(p.message.slice(prefix.length)) : p.message };
  });
}

/** The checks Launch Stack runs, in this order. */
export const FORM_CHECKS: readonly FormCheck[] = [templateUrlProblems, stackNameProblems, parameterValueProblems];

/** Every problem the checks find. */
export function checkLaunchForm(form: LaunchForm, data: LaunchPageData, checks: readonly FormCheck[] = FORM_CHECKS): FormProblem[] {
  return checks.flatMap((check) => check(form, data));
}
