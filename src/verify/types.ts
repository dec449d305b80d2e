/**
 * The types the parts of `verify:iam` share (fixtures, probes, evaluation, output, the front
 * door's rows): one module that imports none of them, so none imports another in a circle.
 */
import type { Json } from '../template/cfn';

/** One request to evaluate against a role's identity policy. */
export interface PolicyRequest {
  action: string;
  resource: string;
  /** Request context: one value, or a list for multivalued keys (`ecs:subnet`, ...). */
  context: Record<string, string | string[]>;
}

/** Evaluates one request; resolves to true when the policy allows it. */
export type Simulate = (policy: Json, request: PolicyRequest) => Promise<boolean>;

/** One row of the matrix. */
export interface MatrixRow {
  /**
   * `allowed`: a call the workflows, the deployer or the front door make; `control`: a request
   * with the stack's own values that must stay allowed, so each `denied` row is denied for the
   * value it changes; `absent-key`: a request that omits a condition key, as real requests
   * may; `grant-used`: a granted action some call needs; `reference`: the policy checked
   * against the Service Authorization Reference; `trust`/`trust-shape`: the trust policy.
   */
  kind: 'allowed' | 'control' | 'denied' | 'absent-key' | 'grant-used' | 'reference' | 'trust' | 'trust-shape';
  /** What the row is about, e.g. the workflow step or the forbidden act. */
  what: string;
  action: string;
  resource: string;
  expected: boolean;
  actual: boolean;
  surprise: boolean;
  /** The request evaluated, for rows that simulate one (its context is printed). */
  request?: PolicyRequest;
}

/** A request that is not a call of the stack's code, with the role it is evaluated against. */
export interface Probe {
  what: string;
  policy: PolicyOf;
  request: PolicyRequest;
}

/** Which role's identity policy a request is evaluated against. */
export type PolicyOf = 'deploy role' | 'deployer role' | 'execution role';

/** A row without its `surprise`, which the evaluation derives. */
export type RowInput = Omit<MatrixRow, 'surprise'>;
