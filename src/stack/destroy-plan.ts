/**
 * What deleting a stack removes and what it keeps, worked out before anything is deleted:
 * resources with DeletionPolicy Retain (the GitHub OIDC provider) stay, and things the stack was
 * only given through parameters (a shared OIDC provider in ExistingOidcProviderArn, your own VPC
 * in ExistingVpcId) are not stack resources and are never touched. Pure: data in, rows out.
 */
import type { Parameter as StackParameter, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { readTemplateData } from '../template-file/decode';

/** One line of the plan. */
export interface PlanRow {
  action: 'delete' | 'keep';
  logicalId: string;
  type: string;
  physicalId: string;
  /** Why it is kept (or what else happens). */
  note: string;
}

/** The plan. */
export interface DestroyPlan {
  rows: PlanRow[];
  /** ECR repositories that will be deleted (physical names), to check for images. */
  repositories: string[];
  /** Set when the template could not be read: Retain policies are then unknown. */
  policiesUnknown?: string;
}

/** Parameters that name things the stack uses but does not own, with what they are. */
const EXTERNAL: { [parameter: string]: { type: string; what: string } } = {
  ExistingOidcProviderArn: { type: 'AWS::IAM::OIDCProvider', what: 'shared GitHub OIDC provider, passed in as ExistingOidcProviderArn' },
  ExistingVpcId: { type: 'AWS::EC2::VPC', what: 'your VPC, passed in as ExistingVpcId' },
  ExistingSubnetIds: { type: 'AWS::EC2::Subnet', what: 'your subnets, passed in as ExistingSubnetIds' },
};

/** DeletionPolicy by logical id, from a template body (JSON or YAML); throws if unreadable. */
export function deletionPolicies(body: string): Map<string, string> {
  const { data } = readTemplateData("the stack's template", body);
  const resources = typeof data === 'object' && data !== null ? (data as { Resources?: unknown }).Resources : undefined;
  const policies = new Map<string, string>();
  if (typeof resources !== 'object' || resources === null) throw new Error('the template has no Resources section');
  for (const [id, r] of Object.entries(resources as { [id: string]: unknown })) {
    const policy = typeof r === 'object' && r !== null ? (r as { DeletionPolicy?: unknown }).DeletionPolicy : undefined;
    if (typeof policy === 'string') policies.set(id, policy);
  }
  return policies;
}

/**
 * The plan for a stack's resources. `policies` undefined: the template could not be read
 * (`why`), and the plan says Retain policies are unknown.
 */
export function destroyPlan(
  resources: readonly StackResourceSummary[],
  parameters: readonly StackParameter[],
  policies: Map<string, string> | { unknown: string },
): DestroyPlan {
  const plan: DestroyPlan = { rows: [], repositories: [] };
  const known = policies instanceof Map ? policies : new Map<string, string>();
  if (!(policies instanceof Map)) plan.policiesUnknown = policies.unknown;
  for (const r of resources) {
    if (r.ResourceStatus === 'DELETE_COMPLETE') continue;
    const logicalId = r.LogicalResourceId ?? '?';
    const type = r.ResourceType ?? '?';
    const physicalId = r.PhysicalResourceId ?? '';
    const policy = known.get(logicalId);
    if (policy === 'Retain' || policy === 'RetainExceptOnCreate') {
      plan.rows.push({ action: 'keep', logicalId, type, physicalId, note: `DeletionPolicy ${policy}` });
      continue;
    }
    const note =
      policy === 'Snapshot'
        ? 'a final snapshot is kept'
        : physicalId === ''
          ? 'never created'
          : type === 'AWS::ECR::Repository'
            ? 'only if it holds no images'
            : '';
    plan.rows.push({ action: 'delete', logicalId, type, physicalId, note });
    if (type === 'AWS::ECR::Repository' && physicalId !== '') plan.repositories.push(physicalId);
  }
  for (const p of parameters) {
    const external = p.ParameterKey ? EXTERNAL[p.ParameterKey] : undefined;
    const value = p.ResolvedValue ?? p.ParameterValue ?? '';
    if (!external || value === '' || p.ParameterValue === '****') continue;
    plan.rows.push({
      action: 'keep',
      logicalId: '-',
      type: external.type,
      physicalId: value,
      note: `not a stack resource: ${external.what}`,
    });
  }
  return plan;
}
