/**
 * CloudFormation quotas a template can break before any resource is created: body size
 * (51,200 bytes for a `TemplateBody` in an API request, 1 MB for a template in S3) and the
 * number of parameters (200), resources (500) and outputs (200).
 *
 * Sources: "CloudFormation quotas" (template body size in a request / in an Amazon S3 object),
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html ;
 * CreateStack `TemplateBody` ("maximum length of 51,200 bytes"),
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html .
 * The console's "Upload a template file" puts the file in an S3 bucket and creates the stack
 * from its URL, so the S3 limit applies there, not the 51,200 bytes.
 */
import { isObject } from '../types';
import type { Rule, RuleContext, RuleHit, RuleSet } from './types';

/** CloudFormation's limits (CloudFormation quotas page, cited above). */
export const QUOTAS = {
  bodyDirectBytes: 51_200,
  bodyS3Bytes: 1_000_000,
  parameters: 200,
  resources: 500,
  outputs: 200,
} as const;

export const QUOTA_RULES = [
  { id: 'FO301', severity: 'warning', title: `Template body over ${QUOTAS.bodyDirectBytes} bytes (API TemplateBody limit: deploy through S3)` },
  { id: 'FO302', severity: 'error', title: `Template body over ${QUOTAS.bodyS3Bytes} bytes` },
  { id: 'FO303', severity: 'error', title: `More than ${QUOTAS.parameters} parameters` },
  { id: 'FO304', severity: 'error', title: `More than ${QUOTAS.resources} resources` },
  { id: 'FO305', severity: 'error', title: `More than ${QUOTAS.outputs} outputs` },
] as const satisfies readonly Rule[];

const COUNTED = [
  { rule: 'FO303', section: 'Parameters', limit: QUOTAS.parameters, fix: 'Merge related parameters or move fixed values into Mappings.' },
  { rule: 'FO304', section: 'Resources', limit: QUOTAS.resources, fix: 'Split the stack into nested stacks or several stacks.' },
  { rule: 'FO305', section: 'Outputs', limit: QUOTAS.outputs, fix: 'Output only what other stacks or users read.' },
] as const;

export const quotas: RuleSet = {
  rules: QUOTA_RULES,
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    const bytes = ctx.source.bytes;
    if (bytes > QUOTAS.bodyS3Bytes) {
      hits.push({
        rule: 'FO302',
        path: [],
        message: `The template is ${bytes} bytes, over CloudFormation's ${QUOTAS.bodyS3Bytes}-byte limit even from S3. Split it into nested stacks.`,
      });
    } else if (bytes > QUOTAS.bodyDirectBytes) {
      hits.push({
        rule: 'FO301',
        path: [],
        message:
          `The template is ${bytes} bytes, over the ${QUOTAS.bodyDirectBytes}-byte limit for a TemplateBody sent in an API call ` +
          '(aws cloudformation create-stack --template-body, SDK TemplateBody). Deploy it through S3 (--template-url, ' +
          'aws cloudformation deploy --s3-bucket, fargate-oidc deploy --s3-bucket) or shorten it; ' +
          `the console's "Upload a template file" stores it in S3 and accepts up to ${QUOTAS.bodyS3Bytes} bytes.`,
      });
    }
    for (const { rule, section, limit, fix } of COUNTED) {
      const value = ctx.template[section];
      const count = isObject(value) ? Object.keys(value).length : 0;
      if (count > limit) {
        hits.push({ rule, path: [section], message: `${count} ${section.toLowerCase()}, over CloudFormation's limit of ${limit}. ${fix}` });
      }
    }
    return hits;
  },
};
