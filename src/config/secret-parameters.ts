/**
 * The SSM parameters an environment's containers read as secrets, by name, and the
 * `secret set` command that writes each: for `build`'s next steps and `deploy --env`'s check
 * that they exist.
 */
import type { FargateOidcConfig } from './types';

/** One secret read from SSM Parameter Store. */
export interface SecretParameter {
  /** The variable the container reads, e.g. `DATABASE_URL`. */
  variable: string;
  /** The parameter's name, `${AppName}` replaced by the stack's name, e.g. `/shop-staging/DATABASE_URL`. */
  parameter: string;
  /** The command that writes it. */
  command: string;
}

/** The name in an SSM parameter ARN (`arn:...:parameter/x/y` is `/x/y`); a name as it is. */
function parameterName(nameOrArn: string): string {
  const m = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(nameOrArn);
  return m?.[1] ?? nameOrArn;
}

/** The SSM secrets of `environment` (whose stack, and AppName, is `stackName`). */
export function secretParameters(config: FargateOidcConfig, environment: string, stackName: string): SecretParameter[] {
  return Object.entries(config.container?.secrets ?? {}).flatMap(([variable, source]) => {
    if (source.ssmParameter === undefined) return [];
    const parameter = parameterName(source.ssmParameter).split('${AppName}').join(stackName);
    const byDefault = parameter === `/${stackName}/${variable}`;
    const command =
      `printf %s "$${variable}" | npx --no fargate-oidc secret set ${variable} --app ${config.appName} --env ${environment}` +
      (byDefault && stackName === `${config.appName}-${environment}` ? '' : ` --parameter-name ${parameter}`);
    return [{ variable, parameter, command }];
  });
}
