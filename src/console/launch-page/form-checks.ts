/**
 * The launch page's checks of what the form holds when Launch Stack is pressed, made with the
 * functions the CLI uses: the S3 URL, its region and the stack name rule (`quick-create.ts`),
 * each parameter's own rules from the template (`template/parameters.ts`). Pure and without
 * DOM or Node.js APIs: the page's browser script runs them, and so can jest.
 *
 * A check is a function `(form, data) → problems`. To add one (e.g. evaluating the template's
 * `Rules`, which `data.templateRules` carries), write it and list it in {@link FORM_CHECKS}: the
 * page shows each problem under the field it names and in the summary at the top.
 */
import type { Parameter } from '../../template/cfn';
import { checkParameterValue, parameterValueSizeProblem } from '../../template/parameters';
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
  /** Element id of the field to fix ({@link TEMPLATE_URL_FIELD}, {@link STACK_NAME_FIELD}, {@link fieldId}). */
  field: string;
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
  const problem = (message: string): FormProblem[] => [{ field: TEMPLATE_URL_FIELD, message }];
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
  return problem ? [{ field: STACK_NAME_FIELD, message: sentence(problem) }] : [];
}

/**
 * What the page says about one parameter value, or `undefined` when it passes: the size limit,
 * else the parameter's ConstraintDescription when `checkParameterValue` refuses the value (as
 * the console does; it never repeats a NoEcho value), else `checkParameterValue`'s own words.
 */
export function parameterMessage(spec: Parameter, value: string): string | undefined {
  const size = parameterValueSizeProblem(value);
  if (size) return sentence(size);
  const problem = checkParameterValue(spec, value);
  if (problem === undefined) return undefined;
  return spec.ConstraintDescription ?? problem;
}

/** Each parameter against its own rules from the template. */
export function parameterProblems(form: LaunchForm, data: LaunchPageData): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const [name, spec] of Object.entries(data.parameters)) {
    const value = form.values[name];
    const message = value === undefined ? undefined : parameterMessage(spec, value);
    if (message) problems.push({ field: fieldId(name), message });
  }
  return problems;
}

/** The checks Launch Stack runs, in this order. */
export const FORM_CHECKS: readonly FormCheck[] = [templateUrlProblems, stackNameProblems, parameterProblems];

/** Every problem the checks find. */
export function checkLaunchForm(form: LaunchForm, data: LaunchPageData, checks: readonly FormCheck[] = FORM_CHECKS): FormProblem[] {
  return checks.flatMap((check) => check(form, data));
}
