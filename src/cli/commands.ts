/**
 * Every command of `fargate-oidc`, each defined once: its flags (for `parseArgs`), their help,
 * and its exit codes. Pure data, so the general help and "did you mean" load no command code
 * (and `build` never loads the AWS SDK).
 */
import { DEFAULT_PREFIX } from '../console/publish-prefix';
import { EXIT } from '../errors';
import { CFN_LINT_TIMEOUT_MS } from '../lint/cfn-lint';
import { LINT_EXIT } from '../lint/exit-codes';
import { defineCommand, type CommandSpec } from './spec';

const REGION = {
  type: 'string',
  arg: 'REGION',
  help: "AWS region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)",
} as const;
const PROFILE = { type: 'string', arg: 'PROFILE', help: "profile of ~/.aws/config (default: the SDK's credential chain)" } as const;
const PARAMETERS_FILE = {
  type: 'string',
  arg: 'FILE',
  help: 'JSON: {"Key": "value"} or [{"ParameterKey": "Key", "ParameterValue": "value"}]',
} as const;
const PARAMETER = { type: 'string', multiple: true, arg: 'Key=Value', help: 'a parameter value (repeatable; wins over the file)' } as const;
const TEMPLATE_FILE = {
  type: 'string',
  arg: 'FILE',
  help: 'use this template (e.g. out/template.yaml) instead of compiling src/template',
} as const;

const ENV = {
  type: 'string',
  arg: 'ENVIRONMENT',
  help: 'in an app repository: an environment of fargate-oidc.config.ts (its stack,\nregion, and the template and parameters `build` wrote)',
} as const;

export const BUILD = defineCommand({
  name: 'build',
  summary: 'compile your app (fargate-oidc.config.ts), or the generic template into out/',
  synopsis: '[--out-dir DIR] [--config FILE] [--force]',
  description: `With fargate-oidc.config.ts (or .mts, .js, .mjs) in the current directory, or --config FILE,
compiles your app and writes:
  DIR/template.yaml, template.json      the template every environment deploys
                                        (DIR: --out-dir, the config's outDir, default fargate-oidc)
  DIR/params/<environment>.json         each environment's parameters (deploy --env reads them)
  .github/workflows/deploy-<environment>.yml, start-stop-<environment>.yml
                                        (the config's workflowsDir); a workflow file not written
                                        by fargate-oidc for the same app and environment is left
                                        alone unless --force
Without a config, compiles this project's generic template and writes, under DIR (default ./out):
  template.yaml, template.json          the CloudFormation template of the console path
  github/workflows/deploy.yml           deploy workflow for the app repository
  github/workflows/start-stop.yml       start/stop workflow for the app repository
  diagram.md, launch.html               the resource diagram and the launch page
Fails if the template breaks a CloudFormation limit.`,
  options: {
    'out-dir': { type: 'string', arg: 'DIR', help: "where to write (default: the config's outDir, else out)" },
    config: { type: 'string', arg: 'FILE', help: 'the app config (default: fargate-oidc.config.{ts,mts,js,mjs} here)' },
    force: { type: 'boolean', help: 'overwrite workflow files fargate-oidc did not write for this app and environment' },
  },
  exitCodes: [
    [EXIT.ok, 'written'],
    [EXIT.failed, 'the template is broken (an internal error)'],
    [EXIT.usage, 'bad input or a template over a CloudFormation limit'],
  ],
});

export const WORKFLOWS = defineCommand({
  name: 'workflows',
  summary: 'write the deploy and start/stop workflows for your app repository',
  synopsis: '[--out DIR] [--force] [options]',
  description: `With fargate-oidc.config.ts in the current directory (or --config FILE): writes
deploy-<environment>.yml and start-stop-<environment>.yml for each environment.
Without one: writes deploy.yml and start-stop.yml (default DIR: .github/workflows) matching a
stack made from the generic template.
A file that exists and was not written by fargate-oidc for the same app and environment is
left alone and the command fails, unless --force.
Without a config, give the values your stack was created with where they differ from the
template defaults:`,
  options: {
    out: { type: 'string', arg: 'DIR', help: 'directory to write into (default .github/workflows)' },
    config: { type: 'string', arg: 'FILE', help: 'the app config (default: fargate-oidc.config.{ts,mts,js,mjs} here)' },
    force: { type: 'boolean', help: 'overwrite files fargate-oidc did not write for this app and environment' },
    'app-name': { type: 'string', arg: 'NAME', help: 'AppName (default portfolio)' },
    region: { type: 'string', arg: 'REGION', help: 'write the region in; default: read the AWS_REGION variable' },
    'deploy-branch': { type: 'string', arg: 'BRANCH', help: 'DeployBranch (default main)' },
    'release-tag-pattern': { type: 'string', arg: 'P', help: 'ReleaseTagPattern (default v*.*.*; "" for none)' },
    environment: { type: 'string', arg: 'NAME', help: 'GitHubEnvironment (default none)' },
    architecture: { type: 'string', arg: 'ARCH', help: 'CpuArchitecture: ARM64 (default) or X86_64' },
    port: { type: 'string', arg: 'N', help: 'ContainerPort, checked only: the deployer reports the URL (kept for old scripts)' },
    'no-tags': { type: 'boolean', help: "no effect: the deployer copies the stack's tags (kept for old scripts)" },
    'nightly-stop': { type: 'string', arg: 'CRON', help: 'also stop the app every day at CRON (UTC), e.g. "0 22 * * *"' },
  },
  exitCodes: [
    [EXIT.ok, 'written'],
    [EXIT.usage, 'bad input or a directory that cannot be written'],
  ],
});

export const DEPLOY = defineCommand({
  name: 'deploy',
  summary: 'create or update the stack through a reviewed change set, and follow it',
  synopsis: '--stack-name NAME [options]\n--env ENVIRONMENT [options]',
  description: `Creates a change set for the stack, shows what it changes, asks, executes it and follows the
events until the stack is done. The template is compiled from src/template when run in a
checkout (or read from --template-file); its source and sha256 are printed.`,
  options: {
    'stack-name': { type: 'string', arg: 'NAME', help: 'stack to create or update (required without --env)' },
    env: {
      type: 'string',
      arg: 'ENVIRONMENT',
      help: "an environment of fargate-oidc.config.ts: its stack (<app>-<env>), region,\nthe template and its parameter file as `build` wrote them; a new\nstack reuses the OIDC provider of another environment's stack",
    },
    region: REGION,
    profile: PROFILE,
    'parameters-file': PARAMETERS_FILE,
    parameter: PARAMETER,
    tags: { type: 'string', multiple: true, arg: 'key=value', help: 'a tag for the stack and its resources (repeatable)' },
    'template-file': TEMPLATE_FILE,
    's3-bucket': {
      type: 'string',
      arg: 'BUCKET',
      help: 'upload the template to this bucket (default: over 51,200 bytes, the managed bucket)',
    },
    yes: { type: 'boolean', short: 'y', help: 'execute without asking' },
    'dry-run': { type: 'boolean', help: 'stop after the review and delete the change set' },
    'keep-change-set': { type: 'boolean', help: 'with --dry-run or when not executing: keep the change set' },
    'replace-failed-stack': {
      type: 'boolean',
      help: 'delete a ROLLBACK_COMPLETE stack (failed first create) and create it again',
    },
    'no-wait': { type: 'boolean', help: 'refuse instead of waiting when another operation is in progress' },
    'cancel-on-interrupt': { type: 'boolean', help: 'on Ctrl-C while an update runs, cancel it (CancelUpdateStack)' },
    timeout: { type: 'string', arg: 'DURATION', help: 'stop waiting after this long, e.g. 90s, 45m, 2h (default 60m); exit 5' },
    json: { type: 'boolean', help: 'print one JSON result object on stdout (progress goes to stderr)' },
  },
  exitCodes: [
    [EXIT.ok, 'deployed or nothing to change (or dry run)'],
    [EXIT.failed, 'the change set or deploy failed or rolled back'],
    [EXIT.usage, 'bad input or usage (also credentials, region, access denied, an unreachable endpoint)'],
    [EXIT.didNotProceed, 'not confirmed (declined, or no terminal and no --yes)'],
    [EXIT.stackState, 'the stack is in a state that needs you'],
    [EXIT.deadline, 'the time limit passed (CloudFormation carries on; the command that goes on waiting is printed)'],
    [EXIT.hangup, 'SIGHUP (the terminal closed), as Ctrl-C'],
    [EXIT.interrupted, 'interrupted (Ctrl-C; CloudFormation carries on with what it had started)'],
    [EXIT.outputClosed, 'standard output closed (| head) before anything changed; nothing changed'],
    [EXIT.terminated, 'SIGTERM (a cancelled CI job), as Ctrl-C'],
  ],
});

export const LINT = defineCommand({
  name: 'lint',
  summary: 'check templates: cfn-lint plus least-privilege, cost and quota rules',
  synopsis:
    '[TEMPLATE ...] [--format text|json|github|sarif] [--skip-cfn-lint] [--fail-on error|warning|info|none]\n[--cfn-lint-timeout SECONDS]\n--list-rules',
  description: `Lints CloudFormation templates (default: out/template.yaml) with cfn-lint (found on PATH or
through CFN_LINT) and fargate-oidc's own rules: least privilege (FO1xx), cost (FO2xx) and
quotas (FO3xx); --list-rules lists them. --format sarif writes SARIF 2.1.0 for GitHub code
scanning (github/codeql-action/upload-sarif), cfn-lint's findings and ours in one run. Turn a
rule off for one resource with
  Metadata: { fargate-oidc: { ignore_rules: [FO201] } }
or cfn-lint's Metadata: { cfn-lint: { config: { ignore_checks: [FO201] } } }
(or for the whole template with the same keys in the template's top-level Metadata).
Warnings do not fail the run unless --fail-on warning (cfn-lint alone fails on them).
cfn-lint is stopped after --cfn-lint-timeout seconds (default ${CFN_LINT_TIMEOUT_MS / 1000}) so it cannot hang a CI job.
Without a cfn-lint, lint offers to install the pinned one into a virtual environment in
$XDG_CACHE_HOME/fargate-oidc (default ~/.cache/fargate-oidc) and uses it from then on; it asks
on a terminal, and needs --install-cfn-lint without one.`,
  positionals: true,
  options: {
    env: {
      ...ENV,
      help: "in an app repository: lint the template `build` wrote for this environment\n(a bare lint there lints the app's built template)",
    },
    format: { type: 'string', default: 'text', arg: 'FORMAT', help: 'text (default), json, github or sarif' },
    'skip-cfn-lint': { type: 'boolean', default: false, help: 'run only fargate-oidc rules' },
    'fail-on': {
      type: 'string',
      default: 'error',
      arg: 'LEVEL',
      help: 'the lowest severity that fails: error (default), warning, info or none',
    },
    'cfn-lint-timeout': {
      type: 'string',
      default: String(CFN_LINT_TIMEOUT_MS / 1000),
      arg: 'SECONDS',
      help: 'stop cfn-lint after this long (exit 4)',
    },
    'list-rules': { type: 'boolean', default: false, help: "list fargate-oidc's rules" },
    'install-cfn-lint': {
      type: 'boolean',
      default: false,
      help: 'when cfn-lint is not installed, install the pinned one into the cache without asking\n(for CI; on a terminal lint asks)',
    },
  },
  exitCodes: [
    [LINT_EXIT.clean, 'clean'],
    [LINT_EXIT.findings, 'findings at or above --fail-on (default error)'],
    [LINT_EXIT.usage, 'usage or unreadable template'],
    [LINT_EXIT.cfnLintMissing, 'cfn-lint not installed (and not installed now: declined, no terminal, no python3, no venv, no network)'],
    [LINT_EXIT.cfnLintFailed, 'cfn-lint failed or ran past --cfn-lint-timeout'],
    [LINT_EXIT.internal, 'internal error (a bug in fargate-oidc, not a finding)'],
  ],
});

export const PUBLISH = defineCommand({
  name: 'publish',
  summary: 'upload the template to your S3 bucket and print the console quick-create URL',
  synopsis: '--bucket BUCKET [options]\n--bucket BUCKET --env ENVIRONMENT [options]',
  description: `Uploads the template (compiled from src/template in a checkout, or --template-file) to your
S3 bucket under a content-hashed key, after checking that the bucket is in the stack's
region, and prints the AWS console quick-create URL and a Markdown "Launch Stack" button.`,
  options: {
    bucket: { type: 'string', arg: 'BUCKET', help: "S3 bucket in the stack's region you can write to (required)" },
    env: ENV,
    prefix: { type: 'string', arg: 'PREFIX', help: `key prefix (default: ${DEFAULT_PREFIX})` },
    region: { ...REGION, help: "the stack's region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)" },
    profile: PROFILE,
    'stack-name': { type: 'string', arg: 'NAME', help: 'stack name to fill in' },
    'parameters-file': PARAMETERS_FILE,
    parameter: PARAMETER,
    'template-file': TEMPLATE_FILE,
    timeout: { type: 'string', arg: 'DURATION', help: 'stop waiting for S3 after this long, e.g. 90s, 10m (default 5m); exit 5' },
  },
  exitCodes: [
    [EXIT.ok, 'published'],
    [EXIT.failed, 'the upload failed'],
    [EXIT.usage, 'bad input, wrong bucket region, credentials or access'],
    [EXIT.deadline, 'the time limit passed before S3 answered'],
    [EXIT.hangup, 'SIGHUP (the terminal closed), as Ctrl-C'],
    [EXIT.interrupted, 'interrupted (Ctrl-C, which also ends a request in flight)'],
    [EXIT.terminated, 'SIGTERM (a cancelled CI job), as Ctrl-C'],
  ],
});

export const URL = defineCommand({
  name: 'url',
  summary: 'print the console quick-create URL for a template already in S3',
  synopsis: '--template-url URL [options]\n--template-url URL --env ENVIRONMENT [options]',
  description: `Prints the AWS console quick-create URL (and a Markdown "Launch Stack" button) for a template
already in S3. Parameters are taken and checked exactly as deploy takes them; values equal to
their default are left out, NoEcho values are never put in the URL, and the URL must stay
within the console's 1,024 characters.`,
  options: {
    'template-url': { type: 'string', arg: 'URL', help: "HTTPS URL of the template in S3 (a bucket in the stack's region)" },
    env: ENV,
    'stack-name': { type: 'string', arg: 'NAME', help: 'stack name to fill in' },
    region: {
      type: 'string',
      arg: 'REGION',
      help: "the stack's region (default: the region in the S3 URL, AWS_REGION, AWS_DEFAULT_REGION)",
    },
    'parameters-file': PARAMETERS_FILE,
    parameter: PARAMETER,
    'template-file': { ...TEMPLATE_FILE, help: 'check the values against this template instead of compiling src/template' },
  },
  exitCodes: [
    [EXIT.ok, 'printed'],
    [EXIT.usage, 'bad input (a value the template refuses, an overlong URL, ...)'],
  ],
});

export const DESTROY = defineCommand({
  name: 'destroy',
  summary: 'show what deleting the stack removes and keeps, ask, delete it and follow it',
  synopsis: '--stack-name NAME [options]\n--env ENVIRONMENT [options]',
  description: `Shows what deleting the stack deletes and what it keeps (the GitHub OIDC provider has
DeletionPolicy Retain; a provider, VPC or subnets passed in as parameters are not the stack's),
asks, deletes the stack and follows the events until it is gone.`,
  options: {
    'stack-name': { type: 'string', arg: 'NAME', help: 'stack to delete (required without --env)' },
    env: ENV,
    region: REGION,
    profile: PROFILE,
    yes: { type: 'boolean', short: 'y', help: 'delete without asking' },
    'delete-images': {
      type: 'boolean',
      help: "delete the images in the stack's ECR repository first (by default,\nimages stop the delete before anything is deleted)",
    },
    timeout: { type: 'string', arg: 'DURATION', help: 'stop waiting after this long, e.g. 90s, 45m, 2h (default 30m); exit 5' },
  },
  exitCodes: [
    [EXIT.ok, 'deleted or nothing to delete'],
    [EXIT.failed, 'the delete failed'],
    [EXIT.usage, 'bad input (also credentials, region, access denied, an unreachable endpoint)'],
    [EXIT.didNotProceed, 'not confirmed (declined, or no terminal and no --yes)'],
    [EXIT.stackState, 'the stack needs you first (images in the repository, another operation running)'],
    [EXIT.deadline, 'the time limit passed (CloudFormation carries on; the command that goes on waiting is printed)'],
    [EXIT.hangup, 'SIGHUP (the terminal closed), as Ctrl-C'],
    [EXIT.interrupted, 'interrupted (Ctrl-C; CloudFormation carries on with what it had started)'],
    [EXIT.outputClosed, 'standard output closed (| head) before anything changed; nothing changed'],
    [EXIT.terminated, 'SIGTERM (a cancelled CI job), as Ctrl-C'],
  ],
});

export const SECRET = defineCommand({
  name: 'secret',
  summary: 'secret set NAME --app APP --env ENV: write a container secret (SSM SecureString) from stdin',
  synopsis: 'set NAME --app APP --env ENV [options] < value',
  description: `Writes the value on stdin as the SSM SecureString /<APP>-<ENV>/<NAME> (or --parameter-name),
overwriting an older version. Reference it in fargate-oidc.config.ts once for every environment:
  container: { secrets: { NAME: { ssmParameter: '/\${AppName}/NAME' } } }
(\${AppName} is each stack's own, e.g. shop-staging). Running tasks keep the old value until they
restart: deploy, or stop and start the app.
The value is stdin exactly, except one trailing newline (\\n or \\r\\n), which is dropped: echo
adds one. A value of more than one line keeps its inner newlines. SSM takes at most 4,096
bytes (standard tier, free) or 8,192 bytes (--tier advanced, billed per parameter and month);
a longer value is refused before any call.`,
  positionals: true,
  options: {
    app: { type: 'string', arg: 'APP', help: "the config's appName (required)" },
    env: { type: 'string', arg: 'ENV', help: 'the environment (required)' },
    'parameter-name': { type: 'string', arg: 'NAME', help: 'write this parameter instead of /<APP>-<ENV>/<NAME>' },
    'kms-key': { type: 'string', arg: 'KEY', help: "KMS key id, alias or ARN (default: the account's aws/ssm key)" },
    tier: { type: 'string', arg: 'TIER', help: 'standard (default, up to 4,096 bytes) or advanced (up to 8,192 bytes, billed)' },
    value: { type: 'string', arg: 'VALUE', help: 'refused: a value on the command line stays in shell history and ps' },
    region: REGION,
    profile: PROFILE,
  },
  notes: 'Example: printf %s "$DATABASE_URL" | npx --no fargate-oidc secret set DATABASE_URL --app shop --env staging',
  exitCodes: [
    [EXIT.ok, 'written'],
    [EXIT.failed, 'SSM refused the write, or kept failing'],
    [EXIT.usage, "bad input, no value on stdin, a value over the tier's size, credentials or access"],
    [EXIT.deadline, 'no answer from SSM within two minutes'],
    [EXIT.hangup, 'SIGHUP (the terminal closed), as Ctrl-C'],
    [EXIT.interrupted, 'interrupted (Ctrl-C, which also ends a request in flight)'],
    [EXIT.terminated, 'SIGTERM (a cancelled CI job), as Ctrl-C'],
  ],
});

/** Every command, in the order the general help lists them. */
export const COMMANDS: readonly CommandSpec[] = [BUILD, WORKFLOWS, DEPLOY, LINT, PUBLISH, URL, DESTROY, SECRET];

/** The general help. */
export function generalUsage(): string {
  return [
    'Usage: fargate-oidc <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`),
    `  ${'help'.padEnd(10)}show this help, or a command's with "help COMMAND"`,
    '',
    'Run "fargate-oidc <command> --help" for a command\'s options, "fargate-oidc --version" for the version.',
    'Set FARGATE_OIDC_DEBUG=1 to print the stack trace of an internal error.',
  ].join('\n');
}
