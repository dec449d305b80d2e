/**
 * Every AWS API call the generated workflows make, step by step: the actions' documented
 * permissions and the CLI calls in the scripts (`aws lambda invoke` of the deployer, only).
 * `npm run verify:iam` evaluates each against the compiled deploy role, so a step added here
 * without its permission in the template (or a permission dropped from the template) fails CI.
 *
 * Keep this list next to deploy.ts and start-stop.ts: a new step gets its calls here.
 */

/** The resources a call may act on, named by what they are in the stack. */
export type StackResource = '*' | 'repository' | 'deployer';

/** What a request context value holds: a stack value. */
export type StackContextValue = 'region';

/** Request context keys a call carries, by what they hold (a list for multivalued keys). */
export type StackContext = Record<string, StackContextValue | StackContextValue[]>;

/** One AWS API call of a workflow step. */
export interface AwsCall {
  workflow: 'deploy.yml' | 'start-stop.yml';
  /** The step that makes the call. */
  step: string;
  /** IAM action, `service:Action`. */
  action: string;
  resource: StackResource;
  context?: StackContext;
}

const REGION: StackContext = { 'aws:RequestedRegion': 'region' };

/**
 * The calls of both workflows. The GitHub role pushes images and invokes the deployer; every
 * ECS call is the deployer's (src/deployer/aws-calls.ts), made with the deployer's own role.
 */
export function workflowAwsCalls(): AwsCall[] {
  const deploy = (step: string, action: string, resource: StackResource, context?: StackContext): AwsCall => ({
    workflow: 'deploy.yml',
    step,
    action,
    resource,
    ...(context ? { context } : {}),
  });
  const push = 'docker/build-push-action (docker push)';
  const invoke = 'aws lambda invoke';
  return [
    deploy('amazon-ecr-login', 'ecr:GetAuthorizationToken', '*', REGION),
    deploy(push, 'ecr:BatchCheckLayerAvailability', 'repository'),
    deploy(push, 'ecr:InitiateLayerUpload', 'repository'),
    deploy(push, 'ecr:UploadLayerPart', 'repository'),
    deploy(push, 'ecr:CompleteLayerUpload', 'repository'),
    deploy(push, 'ecr:PutImage', 'repository'),
    deploy('docker/build-push-action (base layers from the same repository)', 'ecr:BatchGetImage', 'repository'),
    deploy('docker/build-push-action (base layers from the same repository)', 'ecr:GetDownloadUrlForLayer', 'repository'),
    deploy(`${invoke} (deploy, then status until the rollout ends)`, 'lambda:InvokeFunction', 'deployer'),
    { workflow: 'start-stop.yml', step: `${invoke} (start or stop, then status)`, action: 'lambda:InvokeFunction', resource: 'deployer' },
  ];
}
