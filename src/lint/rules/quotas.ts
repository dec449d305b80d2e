/**
 * CloudFormation quotas a template can break before any resource is created: body size
 * (51,200 bytes for a `TemplateBody` in an API request, 1 MB for a template in S3) and the
 * number of parameters (200), resources (500) and outputs (200).
 *
 * The numbers and their sources are in src/template/quotas.ts.
 * The console's "Upload a template file" puts the file in an S3 bucket and creates the stack
 * from its URL, so the S3 limit applies there, not the 51,200 bytes.
 */
import { QUOTAS } from '../../template/quotas';
import { isObject } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

/** The Metadata key of templates fargate-oidc compiled (src/template/index.ts). */
const FARGATE_OIDC_METADATA = 'fargate-oidc';

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
      return count > limit
        ? [{ path: [section], message: `${count} ${section.toLowerCase()}, over CloudFormation's limit of ${limit}. ${fix}` }]
        : [];
    },
  });
}

export const QUOTA_RULES = [
  defineRule({
    id: 'FO301',
    severity: 'warning',
    title: `Template body over ${QUOTAS.bodyDirectBytes} bytes (API TemplateBody limit: deploy through S3)`,
    help: `A TemplateBody sent in an API call is limited to ${QUOTAS.bodyDirectBytes} bytes; a template in S3 (also what the console's upload does) to ${QUOTAS.bodyS3Bytes}.`,
    fix: 'Deploy it through S3 (--template-url) or shorten it.',
    check({ source, template }: RuleContext): RuleReport[] {
      const bytes = source.bytes;
      if (bytes <= QUOTAS.bodyDirectBytes || bytes > QUOTAS.bodyS3Bytes) return [];
      // A template fargate-oidc compiled: its build already warned, `fargate-oidc deploy` sends it
      // through its managed bucket, and the console's upload stores it in S3. Hand-written ones are told.
      if (isObject(template['Metadata']) && FARGATE_OIDC_METADATA in template['Metadata']) return [];
      return [
        {
          path: [],
          message:
            `The template is ${bytes} bytes, over the ${QUOTAS.bodyDirectBytes}-byte limit for a TemplateBody sent in an API call ` +
            '(aws cloudformation create-stack --template-body, SDK TemplateBody). Deploy it through S3 (--template-url, ' +
            'aws cloudformation deploy --s3-bucket, fargate-oidc deploy --s3-bucket) or shorten it; ' +
            `the console's "Upload a template file" stores it in S3 and accepts up to ${QUOTAS.bodyS3Bytes} bytes.`,
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
      return [
        {
          path: [],
          message: `The template is ${bytes} bytes, over CloudFormation's ${QUOTAS.bodyS3Bytes}-byte limit even from S3. Split it into nested stacks.`,
        },
      ];
    },
  }),
  countRule('FO303', 'Parameters', QUOTAS.parameters, 'Merge related parameters or move fixed values into Mappings.'),
  countRule('FO304', 'Resources', QUOTAS.resources, 'Split the stack into nested stacks or several stacks.'),
  countRule('FO305', 'Outputs', QUOTAS.outputs, 'Output only what other stacks or users read.'),
] as const;
