/**
 * Permissions as values, given to the role that needs them (the AWS CDK's
 * `bucket.grantRead(role)`): a module returns `Grant`s for the roles it is handed, and each
 * role's module turns the grants addressed to it into its policy. Adding a resource and what
 * may be done with it is then one file.
 */
import { Fn, type IntrinsicFunction, type StatementEntry } from './cfn';

/** A role that modules may grant permissions to. */
export interface Grantee {
  /** Logical id of the role in the template. */
  readonly logicalId: string;
  /** What the role is for, in words (shown by `verify:iam`). */
  readonly description: string;
  /** `Fn::GetAtt <role>.Arn`. */
  readonly arn: IntrinsicFunction;
}

/** One permission statement given to one role. */
export interface Grant {
  /** The role that receives the statement. */
  readonly grantee: Grantee;
  /** The statement added to that role's policy (a `Fn::If` entry may make it conditional). */
  readonly statement: StatementEntry;
}

/** A grantee handle for the role with this logical id. */
export function grantee(logicalId: string, description: string): Grantee {
  return { logicalId, description, arn: Fn.GetAtt(logicalId, 'Arn') };
}

/** Grants `statements` to `to`. */
export function grant(to: Grantee, ...statements: StatementEntry[]): Grant[] {
  return statements.map((statement) => ({ grantee: to, statement }));
}

/** The statements granted to `to`, in the order they were granted. */
export function statementsFor(grants: readonly Grant[], to: Grantee): StatementEntry[] {
  return grants.filter((g) => g.grantee.logicalId === to.logicalId).map((g) => g.statement);
}
