/**
 * A module of the template, this project's or a user's: one function that is handed the roles
 * and names it may use and returns a fragment (parameters with their console group and label,
 * rules, conditions, resources, outputs, and grants to those roles). A user lists it in the
 * config's `modules` and touches no other file.
 */
import { Fn, type IntrinsicFunction } from './cfn';
import { DEPLOY_ROLE } from './deploy-role';
import type { Fragment } from './fragment';
import type { Grantee } from './grants';
import { EXECUTION_ROLE, TASK_ROLE } from './task-roles';

/** What a module is handed. */
export interface ModuleContext {
  /** `Ref AppName`: prefix your resources' names with it so two stacks never clash. */
  appName: IntrinsicFunction;
  /** The role the app's code runs as: grant it what the app calls (S3, SQS, ...). */
  taskRole: Grantee;
  /** The role ECS starts the task with (image, logs, secrets); rarely needed by modules. */
  executionRole: Grantee;
  /** The role GitHub Actions deploy with: grant it only what a workflow calls. */
  deployRole: Grantee;
}

/** A template module: the context in, a fragment out. Pure: the same context gives the same fragment. */
export type TemplateModule = (context: ModuleContext) => Fragment;

/** The context every module of a template is handed. */
export function moduleContext(): ModuleContext {
  return { appName: Fn.Ref('AppName'), taskRole: TASK_ROLE, executionRole: EXECUTION_ROLE, deployRole: DEPLOY_ROLE };
}
