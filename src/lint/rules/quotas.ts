/**
 * CloudFormation quotas a template can break before any resource is created: body size
 * (51,200 bytes sent directly, 1,000,000 bytes from S3) and the number of parameters (200),
 * resources (500) and outputs (200).
 */
import { isObject } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

/** CloudFormation's limits (Service Quotas / CloudFormation quotas page). */
export const QUOTAS = {
  bodyDirectBytes: 51_200,
  bodyS3Bytes: 1_000_000,
  parameters: 200,
  resources: 500,
  outputs: 200,
} as const;

/** A rule that counts the entries of one top-level section. */
function countRule<Id extends string>(id: Id, section: 'Parameters' | 'Resources' | 'Outputs', limit: number, fix: string) {
  return defineRule({
    id,
    severity: 'error',
    title: `More than ${limit} ${section.toLowerCase()}`,
    help: `CloudFormation rejects a template with more than ${limit} ${section.toLowerCase()}.`,
    fix,
    check(ctx: RuleContext): RuleReport[] {
      const value = ctx.template[section];
      const count = isObject(value) ? Object.keys(value).length : 0;
      return count > limit ? [{ path: [section], message: `${count} ${section.toLowerCase()}, over CloudFormation's limit of ${limit}. ${fix}` }] : [];
    },
  });
}

export const QUOTA_RULES = [
  defineRule({
    id: 'FO301',
    severity: 'warning',
    title: `Template body over ${QUOTAS.bodyDirectBytes} bytes (must be deployed from S3)`,
    help: `A template body sent directly is limited to ${QUOTAS.bodyDirectBytes} bytes.`,
    fix: 'Deploy it from S3 (--template-url) or shorten it.',
    check({ source }: RuleContext): RuleReport[] {
      const bytes = source.bytes;
      if (bytes <= QUOTAS.bodyDirectBytes || bytes > QUOTAS.bodyS3Bytes) return [];
      return [
        {
          path: [],
          message: `The template is ${bytes} bytes, over the ${QUOTAS.bodyDirectBytes}-byte limit for a body sent directly (console upload, --template-body). Deploy it from S3 (--template-url, rain/aws cloudformation deploy --s3-bucket) or shorten it.`,
        },
      ];
    },
  }),
  defineRule({
    id: 'FO302',
    severity: 'error',
    title: `Template body over ${QUOTAS.bodyS3Bytes} bytes`,
    help: `CloudFormation rejects a template over ${QUOTAS.bodyS3Bytes} bytes, even from S3.`,
    fix: 'Split it into nested stacks.',
    check({ source }: RuleContext): RuleReport[] {
      const bytes = source.bytes;
      if (bytes <= QUOTAS.bodyS3Bytes) return [];
      return [{ path: [], message: `The template is ${bytes} bytes, over CloudFormation's ${QUOTAS.bodyS3Bytes}-byte limit even from S3. Split it into nested stacks.` }];
    },
  }),
  countRule('FO303', 'Parameters', QUOTAS.parameters, 'Merge related parameters or move fixed values into Mappings.'),
  countRule('FO304', 'Resources', QUOTAS.resources, 'Split the stack into nested stacks or several stacks.'),
  countRule('FO305', 'Outputs', QUOTAS.outputs, 'Output only what other stacks or users read.'),
] as const;
