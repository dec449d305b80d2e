/**
 * The app's log group, created by the stack with its retention, so nobody needs
 * `logs:CreateLogGroup` or `logs:PutRetentionPolicy` at deploy time and logs never pile up
 * forever (CloudWatch bills stored logs by the GB-month).
 */
import LogGroup from 'cloudform-types/types/logs/logGroup';
import { Fn, type IntrinsicFunction } from './cfn';
import { STORAGE_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { numberParam } from './parameters';

export const LOG_GROUP_ID = 'LogGroup';
export const LOG_RETENTION_PARAM = 'LogRetentionDays';

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Options of the logs module. */
export interface LogsOptions {
  /** Default for `LogRetentionDays`: one of CloudWatch's retention periods. Default 14. */
  logRetentionDays?: number;
}

/** What other modules use of the log group. */
export interface Logs {
  fragment: Fragment;
  /** `Ref LogGroup`: the log group name. */
  logGroupName: IntrinsicFunction;
  /** `Fn::GetAtt LogGroup.Arn`: `arn:...:log-group:NAME:*`, which covers its log streams. */
  logGroupArn: IntrinsicFunction;
}

export function logs(o: LogsOptions = {}): Logs {
  const group = new LogGroup({
    LogGroupName: Fn.Sub('/ecs/${AppName}'),
    RetentionInDays: Fn.Ref(LOG_RETENTION_PARAM),
  });
  // Deleted with the stack and on replacement, on purpose. These are short-lived diagnostics
  // (LogRetentionDays, 14 by default), not records to keep; the image repository is what
  // outlives a stack. Retain would leave /ecs/<AppName> behind, so creating a stack with the
  // same AppName again would fail ("already exists"), and a replacement (a new AppName) would
  // leave an orphan group behind. Export logs first if you need them (CloudWatch Logs
  // CreateExportTask). Written out because cfn-lint's I3011 asks for an explicit choice.
  Object.assign(group, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  const logGroupName = Fn.Ref(LOG_GROUP_ID);
  const logGroupArn = Fn.GetAtt(LOG_GROUP_ID, 'Arn');
  return {
    fragment: {
      parameters: {
        [LOG_RETENTION_PARAM]: numberParam({
          label: 'Log retention (days)',
          group: STORAGE_GROUP,
          description: 'How long CloudWatch keeps the app logs in /ecs/<AppName>.',
          default: o.logRetentionDays ?? 14,
          allowedValues: LOG_RETENTION_VALUES,
          constraint: "Must be one of CloudWatch's retention periods.",
        }),
      },
      resources: { [LOG_GROUP_ID]: group },
      outputs: {
        LogGroupName: { Description: 'CloudWatch log group of the app.', Value: logGroupName },
      },
    },
    logGroupName,
    logGroupArn,
  };
}
