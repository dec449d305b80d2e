/**
 * Checks a loaded config's shape before anything is compiled. Each problem names the field and
 * the fix. Values that become template parameters are checked by the template's own parameter
 * rules (constraints and Rules such as SomethingMayDeploy), not here: see `src/config/app.ts`.
 */
import { REGION_NAME } from '../console/regions';
import { ConfigError } from '../errors';
import type { FargateOidcConfig } from './types';

const TOP = ['appName', 'github', 'region', 'container', 'environments', 'modules', 'existingOidcProviderArn', 'outDir', 'workflowsDir'];
const GITHUB = ['owner', 'repo', 'ownerId', 'repoId'];
const CONTAINER = ['port', 'cpu', 'memory', 'architecture', 'useFargateSpot', 'environment', 'secrets'];
const ENVIRONMENT = ['deployBranch', 'releaseTagPattern', 'githubEnvironment', 'region', 'nightlyStop'];
const SECRET = ['ssmParameter', 'secretsManager'];

const APP_NAME = /^[a-z][a-z0-9-]*$/;
const ENV_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;
const SSM_PARAMETER =
  /^\/?(?:[A-Za-z0-9_.-]|\$\{AppName\})+(?:\/(?:[A-Za-z0-9_.-]|\$\{AppName\})+)*$|^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_./-]+$/;
/** The longest AppName the template accepts. */
const APP_NAME_MAX = 32;
/** Variable names that look like secrets (the list), when given as plain values. */
const SECRET_LOOKING = [/_KEY$/, /_SECRET$/, /PASSWORD/, /TOKEN/];

type Obj = Record<string, unknown>;

/** Validates one config file's export. */
class Checker {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw new ConfigError(this.file, field, problem);
  }

  object(v: unknown, field: string, known?: readonly string[]): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, 'must be an object { ... }.');
    for (const key of Object.keys(v as Obj)) {
      if (known && !known.includes(key)) {
        this.fail(field === '' ? key : `${field}.${key}`, `unknown field. Known fields: ${known.join(', ')}.`);
      }
    }
    return v as Obj;
  }

  text(v: unknown, field: string, pattern?: RegExp, what?: string): string {
    if (typeof v !== 'string' || v === '') this.fail(field, 'must be a non-empty string.');
    if (pattern && !pattern.test(v as string)) this.fail(field, `${JSON.stringify(v)} is not ${what}.`);
    return v as string;
  }

  optionalText(o: Obj, key: string, field: string, pattern?: RegExp, what?: string): void {
    if (o[key] !== undefined) this.text(o[key], field === '' ? key : `${field}.${key}`, pattern, what);
  }
}

/** Checks `value` (what the config file exported) and returns it typed. */
export function validateConfig(value: unknown, file: string): FargateOidcConfig {
  const k = new Checker(file);
  if (value === undefined || value === null) k.fail('', 'exports no config. End it with `export default defineConfig({ ... })`.');
  const c = k.object(value, '', TOP);
  const appName = k.text(
    c['appName'],
    'appName',
    APP_NAME,
    'a name of lowercase letters, digits and hyphens starting with a letter (it names the ECR repository)',
  );

  const gh = k.object(c['github'], 'github', GITHUB);
  k.text(gh['owner'], 'github.owner');
  k.text(gh['repo'], 'github.repo');
  k.optionalText(gh, 'ownerId', 'github', /^\d{1,20}$/, 'a numeric id (https://api.github.com/users/<owner> → id)');
  k.optionalText(gh, 'repoId', 'github', /^\d{1,20}$/, 'a numeric id (https://api.github.com/repos/<owner>/<repo> → id)');
  k.optionalText(c, 'region', '', REGION_NAME, 'an AWS region name such as us-west-2');
  k.optionalText(c, 'outDir', '');
  k.optionalText(c, 'workflowsDir', '');
  k.optionalText(c, 'existingOidcProviderArn', '');

  if (c['container'] !== undefined) checkContainer(k, k.object(c['container'], 'container', CONTAINER));

  const envs = k.object(c['environments'], 'environments');
  if (Object.keys(envs).length === 0) {
    k.fail('environments', "needs at least one environment, e.g. { staging: { deployBranch: 'main' } }.");
  }
  for (const [name, env] of Object.entries(envs)) {
    const field = `environments.${name}`;
    if (!ENV_NAME.test(name)) k.fail(field, 'an environment name is lowercase letters, digits and hyphens, starting with a letter.');
    const stack = `${appName}-${name}`;
    if (stack.length > APP_NAME_MAX) {
      k.fail(
        field,
        `the stack's AppName "${stack}" is ${stack.length} characters, over ${APP_NAME_MAX}: shorten appName or the environment name.`,
      );
    }
    const e = k.object(env, field, ENVIRONMENT);
    for (const key of ['deployBranch', 'releaseTagPattern', 'githubEnvironment', 'nightlyStop']) k.optionalText(e, key, field);
    k.optionalText(e, 'region', field, REGION_NAME, 'an AWS region name such as us-west-2');
  }

  if (c['modules'] !== undefined) {
    if (!Array.isArray(c['modules'])) k.fail('modules', 'must be a list of module functions: modules: [myModule].');
    (c['modules'] as unknown[]).forEach((m, i) => {
      if (typeof m !== 'function') k.fail(`modules[${i}]`, 'must be a function (context) => fragment; pass myModule, not myModule().');
    });
  }
  return c as unknown as FargateOidcConfig;
}

function checkContainer(k: Checker, c: Obj): void {
  const port = c['port'];
  // Its range and wholeness are the ContainerPort parameter's rules, checked when it is compiled.
  if (port !== undefined && (typeof port !== 'number' || !Number.isFinite(port)))
    k.fail('container.port', 'must be a number, e.g. port: 8000.');
  if (c['useFargateSpot'] !== undefined && typeof c['useFargateSpot'] !== 'boolean')
    k.fail('container.useFargateSpot', 'must be true or false.');
  for (const key of ['cpu', 'memory', 'architecture']) k.optionalText(c, key, 'container');
  const environment = c['environment'] === undefined ? {} : k.object(c['environment'], 'container.environment');
  for (const [name, value] of Object.entries(environment)) {
    const field = `container.environment.${name}`;
    if (!VARIABLE.test(name)) k.fail(field, 'a variable name is letters, digits and underscores, not starting with a digit.');
    if (name === 'PORT') k.fail(field, 'PORT is set from container.port; remove it here.');
    if (typeof value !== 'string') k.fail(field, `must be a string; write ${JSON.stringify(String(value))}.`);
  }
  const secrets = c['secrets'] === undefined ? {} : k.object(c['secrets'], 'container.secrets');
  for (const [name, source] of Object.entries(secrets)) {
    const field = `container.secrets.${name}`;
    if (!VARIABLE.test(name)) k.fail(field, 'a variable name is letters, digits and underscores, not starting with a digit.');
    if (name === 'PORT' || name in environment) k.fail(field, `${name} is also a plain environment variable; keep it in one place.`);
    const s = k.object(source, field, SECRET);
    const given = SECRET.filter((key) => s[key] !== undefined);
    if (given.length !== 1) {
      k.fail(
        field,
        "give exactly one of ssmParameter: '/app/name' or secretsManager: 'arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf'.",
      );
    }
    k.optionalText(
      s,
      'ssmParameter',
      field,
      SSM_PARAMETER,
      'an SSM parameter name (/app/name, or /${AppName}/NAME for one per environment) or parameter ARN',
    );
    k.optionalText(
      s,
      'secretsManager',
      field,
      SECRET_ARN,
      'the full ARN of a Secrets Manager secret, with the six-character suffix AWS adds (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf): copy it from the console or `aws secretsmanager describe-secret`',
    );
  }
}

/** Warnings about a valid config: plain variables whose names look like secrets. */
export function configWarnings(config: FargateOidcConfig): string[] {
  return Object.keys(config.container?.environment ?? {})
    .filter((name) => SECRET_LOOKING.some((re) => re.test(name.toUpperCase())))
    .map(
      (name) =>
        `container.environment.${name} looks like a secret but is a plain value, readable by anyone who can describe the task definition. ` +
        `Move it to container.secrets (e.g. ${name}: { ssmParameter: '/<app>/${name.toLowerCase().replace(/_/g, '-')}' }, set with \`fargate-oidc secret set\`).`,
    );
}
