/**
 * `deploy --env NAME`: the stack, template and parameters of one environment of the app's
 * config, as `build` wrote them, and the account's GitHub OIDC provider for a second stack.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Cfn, describeStack } from '../aws/cloudformation';
import { UserError } from '../errors';

/** What `deploy --env` deploys. */
export interface EnvironmentTarget {
  /** The environment's stack (its AppName). */
  stackName: string;
  /** The template `build` wrote. */
  templateFile: string;
  /** The environment's parameter file. */
  parametersFile: string;
  /** The stacks of the other environments, which may hold the account's OIDC provider. */
  siblingStacks: string[];
}

/** Reads the parameter files `build` wrote into `outDir` and picks `environment`'s. */
export function environmentTarget(outDir: string, environment: string): EnvironmentTarget {
  const paramsDir = join(outDir, 'params');
  const templateFile = join(outDir, 'template.yaml');
  const parametersFile = join(paramsDir, `${environment}.json`);
  const known = existsSync(paramsDir)
    ? readdirSync(paramsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => basename(f, '.json'))
    : [];
  if (!existsSync(templateFile) || !known.includes(environment)) {
    throw new UserError(
      `--env ${environment}: no ${parametersFile}` +
        (known.length > 0 ? ` (environments built: ${known.join(', ')}).` : '.') +
        ' Add the environment to fargate-oidc.config.ts and run `npx --no fargate-oidc build` first.',
    );
  }
  const appName = (name: string): string => {
    const value = (JSON.parse(readFileSync(join(paramsDir, `${name}.json`), 'utf8')) as { AppName?: unknown }).AppName;
    if (typeof value !== 'string')
      throw new UserError(`${join(paramsDir, `${name}.json`)} has no AppName: run \`npx --no fargate-oidc build\` again.`);
    return value;
  };
  return {
    stackName: appName(environment),
    templateFile,
    parametersFile,
    siblingStacks: known.filter((n) => n !== environment).map(appName),
  };
}

/**
 * For a stack that does not exist yet (deploy decides, once it has read the stack): the OIDC
 * provider ARN another environment's stack created or uses (its `OidcProviderArn` output), so
 * this one reuses it instead of failing to create a second (an account holds one per URL).
 * The first among `siblings` that has one; undefined if none has.
 */
export async function siblingProvider(cfn: Cfn, siblings: readonly string[]): Promise<string | undefined> {
  for (const sibling of siblings) {
    const stack = await describeStack(cfn, sibling);
    const arn = stack?.Outputs?.find((o) => o.OutputKey === 'OidcProviderArn')?.OutputValue;
    if (arn) return arn;
  }
  return undefined;
}
