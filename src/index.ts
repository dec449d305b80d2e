/**
 * The `fargate-oidc` package as a library: what an app's `fargate-oidc.config.ts` and its own
 * modules import.
 *
 * ```ts
 * import { defineConfig } from 'fargate-oidc';
 * export default defineConfig({ appName: 'shop', github: { owner: 'acme', repo: 'shop' }, environments: { staging: { deployBranch: 'main' } } });
 * ```
 */
export { defineConfig } from './config/define';
export type { FargateOidcConfig, GitHubConfig, ContainerConfig, EnvironmentConfig, SecretSource } from './config/types';
export type { TemplateModule, ModuleContext } from './template/module';
export type { Fragment, ParameterEntry } from './template/fragment';
export type { Grant, Grantee } from './template/grants';
export type { ParameterGroup } from './template/console-groups';
export type { PolicyStatement } from './template/cfn';
export { grant } from './template/grants';
export { Fn, Refs } from './template/cfn';
export { stringParam, numberParam, booleanParam } from './template/parameters';
export { APP_GROUP, GITHUB_GROUP, NETWORK_GROUP, STORAGE_GROUP } from './template/console-groups';
export { s3Bucket, type S3Bucket, type S3BucketOptions } from './template/s3-bucket';
