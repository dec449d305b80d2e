/**
 * Every AWS call the front door function makes, as data: `verify:iam` can evaluate each
 * against the function's role (and test/front-door/iam.test.ts does), so a call added to the
 * code without its grant in src/template/front-door.ts fails a test.
 *
 * Keep this list next to the code that makes the calls.
 */

/** What a call acts on, named by what it is in the stack. */
export type FrontDoorResource = '*' | 'service' | 'task' | 'lastRequestParameter' | 'lastStartParameter' | 'stateParameter' | 'logStream';

/** One AWS call of the front door. */
export interface FrontDoorCall {
  /** Which job makes it: a visitor's request, or the scheduled idle check. */
  job: 'request' | 'idle check' | 'both';
  /** Where in src/front-door. */
  where: string;
  /** IAM action, `service:Action`. */
  action: string;
  resource: FrontDoorResource;
  /** Request context keys the call carries, by what they hold. */
  context?: Record<string, 'region' | 'clusterArn'>;
}

export const FRONT_DOOR_CALLS: readonly FrontDoorCall[] = [
  { job: 'both', where: "Lambda runtime (the function's log)", action: 'logs:CreateLogStream', resource: 'logStream' },
  { job: 'both', where: "Lambda runtime (the function's log)", action: 'logs:PutLogEvents', resource: 'logStream' },
  { job: 'both', where: 'app-state.ts serviceTasks', action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': 'clusterArn' } },
  { job: 'both', where: 'app-state.ts serviceTasks, stillRunning', action: 'ecs:DescribeTasks', resource: 'task' },
  {
    job: 'both',
    where: 'task-address.ts taskAddress',
    action: 'ec2:DescribeNetworkInterfaces',
    resource: '*',
    context: { 'aws:RequestedRegion': 'region' },
  },
  { job: 'both', where: 'app-state.ts desiredCount', action: 'ecs:DescribeServices', resource: 'service' },
  { job: 'both', where: 'service-control.ts setDesiredCount', action: 'ecs:UpdateService', resource: 'service' },
  { job: 'idle check', where: 'service-control.ts stopTask', action: 'ecs:StopTask', resource: 'task' },
  { job: 'request', where: 'activity.ts ActivityRecorder.record', action: 'ssm:PutParameter', resource: 'lastRequestParameter' },
  { job: 'request', where: 'activity.ts recordVisitorStart', action: 'ssm:PutParameter', resource: 'lastStartParameter' },
  { job: 'idle check', where: 'activity.ts writeIdleState', action: 'ssm:PutParameter', resource: 'stateParameter' },
  { job: 'both', where: 'activity.ts readRecords', action: 'ssm:GetParameters', resource: 'lastRequestParameter' },
  { job: 'both', where: 'activity.ts readRecords', action: 'ssm:GetParameters', resource: 'lastStartParameter' },
  { job: 'both', where: 'activity.ts readRecords', action: 'ssm:GetParameters', resource: 'stateParameter' },
];
