/**
 * The one place where this project goes beyond `cloudform-types`.
 *
 * cloudform-types 7.5.0 is generated from resource specification v148 (2023). It has no
 * `Fn::Cidr`, no one-argument `Fn::Sub` (its `Fn.Sub` always emits the two-element form),
 * no `Rules` section and types IAM policy documents as `{[key: string]: any}`. Everything
 * that fills those gaps lives here, typed, so no module needs `any`.
 *
 * We import cloudform's submodules directly instead of its index: the index loads every
 * resource type of every service (about 200 ms), the submodules about 5 ms.
 */
import * as CfnFn from 'cloudform-types/types/functions';
import * as CfnRefs from 'cloudform-types/types/refs';
import { ConditionIntrinsicFunction, IntrinsicFunction, type List, type Value } from 'cloudform-types/types/dataTypes';
import type Parameter from 'cloudform-types/types/parameter';
import type Resource from 'cloudform-types/types/resource';
import type Output from 'cloudform-types/types/output';
import type { Condition as CfnCondition } from 'cloudform-types/types/dataTypes';

export { IntrinsicFunction, ConditionIntrinsicFunction };
export type { Value, List, Parameter, Resource, Output };

/** A condition expression (`Fn::Equals`, `Fn::And`, ... or `{Condition: Name}`). */
export type ConditionExpr = CfnCondition;

/** Intrinsic functions cloudform-types has, plus the ones it lacks. */
export const Fn = {
  ...CfnFn,
  /** `Fn::Sub` with one string argument (cloudform's always adds an empty variable map). */
  Sub(template: string): IntrinsicFunction {
    return new IntrinsicFunction('Fn::Sub', template);
  },
  /** `Fn::Sub` with a variable map. */
  SubWith(template: string, vars: Record<string, Value<string>>): IntrinsicFunction {
    return new IntrinsicFunction('Fn::Sub', [template, vars]);
  },
  /** `Fn::Cidr`: `count` blocks of `2^cidrBits` addresses carved out of `ipBlock`. */
  Cidr(ipBlock: Value<string>, count: number, cidrBits: number): IntrinsicFunction {
    return new IntrinsicFunction('Fn::Cidr', [ipBlock, count, cidrBits]);
  },
  /** A reference to a named condition, usable inside `Fn::And`/`Fn::Or`/`Fn::Not`. */
  Condition(name: string): ConditionIntrinsicFunction {
    return new ConditionIntrinsicFunction('Condition', name);
  },
} as const;

/** Rule functions, valid only inside the template's `Rules` section. */
export const RuleFn = {
  /** True when `value` is one of `list`. */
  Contains(list: Value<string>[], value: Value<string>): ConditionIntrinsicFunction {
    return new ConditionIntrinsicFunction('Fn::Contains', [list, value]);
  },
};

/** Pseudo parameters. */
export const Refs = CfnRefs;

/** A JSON value as it appears in a template (after `toJSON()` of intrinsics). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One assertion of a template rule. */
export interface RuleAssertion {
  Assert: ConditionExpr;
  AssertDescription: string;
}

/** A template rule: when `RuleCondition` holds (or always), every assertion must hold. */
export interface Rule {
  RuleCondition?: ConditionExpr;
  Assertions: RuleAssertion[];
}

/** IAM condition operators this project uses. */
export type ConditionOperator =
  | 'StringEquals'
  | 'StringLike'
  | 'ArnEquals'
  | 'ArnLike'
  | 'ArnLikeIfExists'
  | 'Bool'
  | 'BoolIfExists'
  | 'StringEqualsIfExists'
  | 'NumericEquals'
  | 'NumericEqualsIfExists'
  | 'Null'
  | 'ForAllValues:StringEquals'
  | 'ForAllValues:ArnEquals';

/** An IAM condition block: operator → context key → value(s). */
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, Value<string> | Value<string>[]>>>;

/** An IAM policy statement. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { Service?: string | string[]; Federated?: Value<string>; AWS?: Value<string> };
  Action: string | string[];
  Resource?: Value<string> | Value<string>[];
  Condition?: PolicyCondition;
}

/** A statement, or an `Fn::If` that yields a statement or `AWS::NoValue`. */
export type StatementEntry = PolicyStatement | IntrinsicFunction;

/** An IAM policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: StatementEntry[];
}

/** A statement that exists only when `condition` is true. */
export function statementIf(condition: string, statement: PolicyStatement): StatementEntry {
  return Fn.If(condition, statement, Refs.NoValue);
}

/** A list element that exists only when `condition` is true. */
export function itemIf(condition: string, value: Value<string>): IntrinsicFunction {
  return Fn.If(condition, value, Refs.NoValue);
}

/** `${AWS::Partition}`-based ARN prefix for a regional service, e.g. `arn:aws:ecs:us-west-2:123:`. */
export function arnPrefix(service: string): string {
  return `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:`;
}

/**
 * Keeps a resource when the stack is deleted or the resource replaced. cloudform-types has
 * `DeletionPolicy` but not `UpdateReplacePolicy`; cfn-lint (W3011) wants both.
 */
export function retainOnDelete<T extends Resource>(resource: T): T & { UpdateReplacePolicy: 'Retain' } {
  return Object.assign(resource, { DeletionPolicy: 'Retain' as Resource['DeletionPolicy'], UpdateReplacePolicy: 'Retain' as const });
}

/**
 * Tells cfn-lint to skip `rules` on one resource, for a finding the template rules out
 * another way. `reason` is written into the template beside the suppression.
 */
export function cfnLintIgnore<T extends Resource>(resource: T, rules: string[], reason: string): T {
  resource.Metadata = { ...resource.Metadata, 'cfn-lint': { config: { ignore_checks: rules } }, Why: reason };
  return resource;
}
