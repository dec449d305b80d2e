/**
 * Parameter values for `url` and `publish`, taken exactly as `deploy` takes them: a
 * `--parameters-file` (either JSON shape), then `--parameter Key=Value` (the flags win), checked
 * with deploy's own `checkParameterInputs` against the template before anything else happens.
 */
import { checkParameterInputs, readParameterInputs } from '../stack/parameters';
import type { CheckedTemplate } from '../template/parameter-rules';
import { ParameterInputError } from '../errors';

/**
 * Reads the file (if any) and the flags, merges them as deploy does, and checks them against
 * the template (values and Rules, a missing value being its default: the link creates a stack);
 * `note` is told the rule assertions only CloudFormation can decide.
 */
export function readLinkParameters(
  template: CheckedTemplate,
  file: string | undefined,
  flags: readonly string[],
  read?: (path: string) => string,
  note?: (line: string) => void,
): { [key: string]: string } {
  const values = readParameterInputs(file, flags, read);
  checkParameterInputs(template, values, 'new', note);
  const result: { [key: string]: string } = Object.create(null) as { [key: string]: string };
  const previous: string[] = [];
  for (const key of Object.keys(values)) {
    const value = values[key] ?? null;
    if (value === null) previous.push(key);
    else result[key] = value;
  }
  if (previous.length > 0) {
    throw new ParameterInputError(
      `${previous.join(', ')}: UsePreviousValue means nothing in a link that creates a new stack; give a value or leave ${previous.length === 1 ? 'it' : 'them'} out.`,
    );
  }
  return result;
}
