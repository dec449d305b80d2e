/**
 * The commands in an app repository (one with a `fargate-oidc.config.*`): `deploy`, `destroy`,
 * `publish`, `url` and `lint` work on one environment's built template and stack with
 * `--env NAME`, and refuse, with one message, to fall back on the package's generic template
 * when given neither `--env` nor `--template-file`.
 */
import { findConfigFile, loadConfig } from '../config/load';
import { type SecretParameter, secretParameters } from '../config/secret-parameters';
import { UsageError } from '../errors';
import * as publicApi from '../index';
import { environmentTarget, type EnvironmentTarget } from '../stack/environment';

/** The environment a command works on, and the region the config gives it. */
export interface AppEnvironment {
  target: EnvironmentTarget;
  /** The environment's region (or the config's), unless --region says otherwise. */
  region?: string;
  /** The config's outDir (default `fargate-oidc`): where `build` wrote the template and parameters. */
  outDir: string;
  /** The SSM parameters its containers read as secrets (deploy checks that they exist). */
  secrets: SecretParameter[];
}

/** The config's default outDir, as `build` uses it. */
const DEFAULT_OUT_DIR = 'fargate-oidc';

/** The refusal every command gives in an app repository without --env or --template-file. */
export function appConfigRefusal(command: string, alternative = '--template-file'): UsageError {
  return new UsageError(`this directory has an app config: ${command} one of its environments with --env NAME (or give ${alternative}).`);
}

/**
 * `--env NAME`: the environment's stack, template, parameters file and region, from the config
 * in `cwd` and what `build` wrote. Without --env: undefined, or the refusal when `cwd` holds a
 * config and nothing else says what to work on.
 */
export function appEnvironment(
  command: string,
  o: {
    env?: string | undefined;
    /** What the user gave instead of --env: --template-file (destroy: --stack-name). */
    explicit?: string | undefined;
    /** The flag that stands in for --env, named in the refusal (default --template-file). */
    alternative?: string;
    cwd: string;
  },
): AppEnvironment | undefined {
  const configFile = findConfigFile(o.cwd);
  if (o.env === undefined) {
    if (configFile && o.explicit === undefined) throw appConfigRefusal(command, o.alternative);
    return undefined;
  }
  const config = configFile ? loadConfig(configFile, publicApi) : undefined;
  const outDir = config?.outDir ?? DEFAULT_OUT_DIR;
  const region = config?.environments[o.env]?.region ?? config?.region;
  const target = environmentTarget(outDir, o.env);
  const secrets = config ? secretParameters(config, o.env, target.stackName) : [];
  return { target, outDir, secrets, ...(region ? { region } : {}) };
}

/** The app's built template (a bare `lint` in an app repository), or undefined outside one. */
export function appTemplateFile(cwd: string): string | undefined {
  const configFile = findConfigFile(cwd);
  if (!configFile) return undefined;
  const config = loadConfig(configFile, publicApi);
  return `${config.outDir ?? DEFAULT_OUT_DIR}/template.yaml`;
}
