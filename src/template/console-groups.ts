/**
 * The console form's parameter groups. Each parameter names its own group (see
 * `ParameterEntry.group`), so a module adds parameters without touching any list; the
 * composer shows this project's groups in the order below, then any group a user's module
 * brings, in the order the modules come.
 */

/** A group of fields in the console form (`AWS::CloudFormation::Interface` ParameterGroups). */
export interface ParameterGroup {
  /** The group's heading in the console. */
  readonly label: string;
}

/** Who may deploy: the repository, branch, tags, environment, OIDC provider. */
export const GITHUB_GROUP: ParameterGroup = {
  label: 'GitHub repository allowed to deploy (only owner and repository are required)',
};
/** The app's name, image, size and how it runs. */
export const APP_GROUP: ParameterGroup = { label: 'App' };
/** How visitors reach the app: the front door's HTTPS URL or the task's IP. */
export const PUBLIC_GROUP: ParameterGroup = { label: 'Public access' };
/** Images and logs kept. */
export const STORAGE_GROUP: ParameterGroup = { label: 'Storage and logs' };
/** Where the task runs. */
export const NETWORK_GROUP: ParameterGroup = { label: 'Network' };

/** This project's groups, in the order the console shows them. */
export const BUILT_IN_GROUPS: readonly ParameterGroup[] = [GITHUB_GROUP, APP_GROUP, PUBLIC_GROUP, STORAGE_GROUP, NETWORK_GROUP];
