/**
 * The app's config, `fargate-oidc.config.ts` at the root of the app's repository. Everything
 * the console path can also set stays a template parameter: the config sets the parameters'
 * defaults and each environment's values, and adds what only code can express (variables,
 * secrets, modules).
 */
import type { TemplateModule } from '../template/module';
import type { SecretSource } from '../template/secrets';

export type { SecretSource } from '../template/secrets';

/** The whole config. */
export interface FargateOidcConfig {
  /**
   * Short name of the app: lowercase letters, digits and hyphens, starting with a letter.
   * Each environment's stack and `AppName` is `<appName>-<environment>` (e.g. `shop-staging`),
   * which names its ECR repository, cluster, service, task family, log group and roles, and
   * must stay within 32 characters.
   */
  appName: string;
  /** The GitHub repository whose workflows may deploy. */
  github: GitHubConfig;
  /**
   * AWS region of every environment unless the environment gives its own, written into the
   * workflows. Omit to read the repository variable `AWS_REGION` in the workflows instead.
   */
  region?: string;
  /** The container: port, size, environment variables, secrets. */
  container?: ContainerConfig;
  /**
   * One stack per environment, by name (lowercase letters, digits, hyphens), e.g.
   * `{ staging: { deployBranch: 'main' }, production: { releaseTagPattern: 'v*.*.*' } }`.
   * At least one.
   */
  environments: Readonly<Record<string, EnvironmentConfig>>;
  /**
   * Your own template modules, added after this project's: each is one function that gets the
   * roles and returns parameters, resources, outputs and grants (see `TemplateModule`).
   */
  modules?: readonly TemplateModule[];
  /**
   * ARN of the account's GitHub OIDC provider, if it has one already (an account holds only
   * one). Omit it: `deploy --env` finds the provider another environment's stack created.
   */
  existingOidcProviderArn?: string;
  /** Directory `build` writes the template and parameter files to. Default `fargate-oidc`. */
  outDir?: string;
  /** Directory `build` writes the workflows to. Default `.github/workflows`. */
  workflowsDir?: string;
}

/** The GitHub repository of the app. */
export interface GitHubConfig {
  /** Owner (user or organization), exactly as in `github.com/<owner>/<repo>`. */
  owner: string;
  /** Repository name, without the owner. */
  repo: string;
  /**
   * Numeric owner id, for immutable subject claims (repositories created since 2026-07-15):
   * `https://api.github.com/users/<owner>` → `id`. Give it with `repoId`.
   */
  ownerId?: string;
  /** Numeric repository id: `https://api.github.com/repos/<owner>/<repo>` → `id`. Give it with `ownerId`. */
  repoId?: string;
}

/** The app's container. */
export interface ContainerConfig {
  /** Port the app listens on (also passed to it as `PORT`). Default 8000. */
  port?: number;
  /** Fargate CPU units: `256` (0.25 vCPU, the default), `512`, `1024`, `2048` or `4096`. */
  cpu?: '256' | '512' | '1024' | '2048' | '4096';
  /** Memory in MiB; must suit `cpu` (256 → 512, 1024 or 2048). Default `512`. */
  memory?: string;
  /** `ARM64` (the default, about 20% cheaper) or `X86_64`; build the image for it. */
  architecture?: 'ARM64' | 'X86_64';
  /** Run on Fargate Spot (cheaper; AWS may stop the task with two minutes' notice). Default true. */
  useFargateSpot?: boolean;
  /**
   * Environment variables, in plain text in the task definition: never put a password here.
   * Names that look like secrets (`*_KEY`, `*_SECRET`, `*PASSWORD*`, `*TOKEN*`) get a warning.
   */
  environment?: Readonly<Record<string, string>>;
  /**
   * Secrets by variable name: ECS reads each with the execution role when the task starts and
   * passes it as that variable. The execution role may read exactly these.
   * `{ DATABASE_URL: { ssmParameter: '/shop/database-url' } }` or
   * `{ API_KEY: { secretsManager: 'arn:aws:secretsmanager:...:secret:shop/api-key-AbCdEf' } }`.
   */
  secrets?: Readonly<Record<string, SecretSource>>;
}

/** One environment: its own stack, its own deploy role and trust, its own workflows. */
export interface EnvironmentConfig {
  /** Pushes to this branch deploy this environment. Omit so no branch can. */
  deployBranch?: string;
  /** Tags matching this pattern (`*` any characters, `?` one) deploy this environment. Omit so no tag can. */
  releaseTagPattern?: string;
  /**
   * A GitHub environment (Settings → Environments) the jobs run in. When set, the deploy role
   * trusts only jobs in that environment, so its protection rules (required reviewers,
   * deployment branches and tags) gate every deploy.
   */
  githubEnvironment?: string;
  /** AWS region of this environment's stack; default the config's `region`. */
  region?: string;
  /** Cron (UTC) at which this environment's start-stop workflow stops the app daily, e.g. `0 22 * * *`. */
  nightlyStop?: string;
}
