/**
 * The application's name, from which every resource name derives, so two apps can share an
 * account and region without clashing.
 */
import { Fn, type IntrinsicFunction } from './cfn';
import { APP_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { stringParam } from './parameters';

/** Parameter holding the app name. */
export const APP_NAME = 'AppName';

/** Options of the app name. */
export interface AppOptions {
  /**
   * Default for `AppName`: names the ECR repository, cluster, service, task family, log group
   * (`/ecs/<name>`) and roles. 2 to 32 characters: lowercase letters, digits and hyphens,
   * starting with a letter. Default `portfolio`.
   */
  appName?: string;
}

/** What other modules use of the app name. */
export interface App {
  fragment: Fragment;
  /** `Ref AppName`. */
  name: IntrinsicFunction;
}

export function app(o: AppOptions = {}): App {
  return {
    fragment: {
      parameters: {
        [APP_NAME]: stringParam({
          label: 'App name',
          group: APP_GROUP,
          description: 'Short name of your app: names its repository, cluster, service, log group and roles.',
          default: o.appName ?? 'portfolio',
          pattern: '[a-z][a-z0-9-]{0,30}[a-z0-9]',
          minLength: 2,
          maxLength: 32,
          constraint: '2 to 32 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen.',
        }),
      },
    },
    name: Fn.Ref(APP_NAME),
  };
}
