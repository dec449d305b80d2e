/**
 * CloudFormation's quotas a template can break before any resource is created: the one home
 * of these numbers for the compiler, deploy and the lint.
 *
 * Sources (read 2026-12-06): "CloudFormation quotas" (template body size in a request / in an
 * Amazon S3 object; parameters, resources, outputs),
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html ;
 * CreateStack `TemplateBody` ("maximum length of 51,200 bytes"),
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html .
 */

/** CloudFormation's limit for a template body sent in the API call (not via S3), in bytes. */
export const TEMPLATE_BODY_LIMIT = 51_200;
/** CloudFormation's limit for a template read from S3, in bytes. */
export const TEMPLATE_S3_LIMIT = 1_000_000;

/** CloudFormation's limits, by name. */
export const QUOTAS = {
  /** A `TemplateBody` sent in an API call. */
  bodyDirectBytes: TEMPLATE_BODY_LIMIT,
  /** A template read from S3 (also what the console's upload does). */
  bodyS3Bytes: TEMPLATE_S3_LIMIT,
  /** Parameters in one template. */
  parameters: 200,
  /** Resources in one template. */
  resources: 500,
  /** Outputs in one template. */
  outputs: 200,
} as const;
