/**
 * CloudFormation's stack name rule: a letter, then letters, digits and hyphens, at most 128
 * characters (AWS::CloudFormation::Stack, CreateStack `StackName`). Pure and browser-safe.
 */

/** CloudFormation's stack name rule. */
export const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** What is wrong with a stack name; undefined when it is fine. */
export function stackNameProblem(name: string): string | undefined {
  return STACK_NAME_PATTERN.test(name)
    ? undefined
    : 'a stack name starts with a letter and has only letters, digits and hyphens (at most 128).';
}
