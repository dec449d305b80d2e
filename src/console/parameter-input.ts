/**
 * Parameter values for `url` and `publish`, taken exactly as `deploy` takes them: a
 * `--parameters-file` (either JSON shape), then `--parameter Key=Value` (the flags win), checked
 * with deploy's own `checkParameterValues` against the template before anything else happens.
 */
import { checkParameterValues, readParameterInputs, type ParameterSpecs } from '../deploy/parameters';
import { ParameterInputError } from '../errors';

/** Reads the file (if any) and the flags, merges them as deploy does, and checks them. */
export function readLinkParameters(
  specs: ParameterSpecs,
  file: string | undefined,
  flags: readonly string[],
  read?: (path: string) => string,
): { [key: string]: string } {
  const values = readParameterInputs(file, flags, read);
  checkParameterValues(specs, values);
  const result: { [key: string]: string } = {};
  const previous: string[] = [];
  for (const [key, value] of Object.entries(values)) {
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
