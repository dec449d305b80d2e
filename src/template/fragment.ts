import type { ConditionExpr, Output, Parameter, Resource, Rule } from './cfn';
import type { ParameterGroup } from './console-groups';
import type { Grant } from './grants';
import { DuplicateLogicalIdError } from '../errors';

/** A parameter together with how the console form shows it. */
export interface ParameterEntry {
  /** The CloudFormation parameter. */
  spec: Parameter;
  /** Label in the console form (`AWS::CloudFormation::Interface` ParameterLabels). */
  label: string;
  /** The console group the field is shown in. */
  group: ParameterGroup;
  /**
   * Position inside its group: lower first; equal ones keep the modules' order. Default 0.
   */
  order?: number;
  /**
   * A Number parameter that takes only whole numbers (CloudFormation's Number also takes
   * 80.5): listed in the template's `Metadata.fargate-oidc.whole_numbers`, which the CLI and
   * the launch page check.
   */
  wholeNumber?: boolean;
}

/**
 * What one module contributes to the template. Every module returns one; the composer joins
 * them and refuses two modules that define the same logical id.
 */
export interface Fragment {
  /** Template parameters, each with its console label and group. */
  parameters?: Record<string, ParameterEntry>;
  /** Template rules (checked by CloudFormation before anything is created). */
  rules?: Record<string, Rule>;
  /** Template conditions. */
  conditions?: Record<string, ConditionExpr>;
  /** Resources by logical id. */
  resources?: Record<string, Resource>;
  /** Stack outputs. */
  outputs?: Record<string, Output>;
  /** Permissions this module gives to the roles it was handed (see grants.ts). */
  grants?: readonly Grant[];
}

/** The sections of a fragment, merged. */
export interface MergedFragment {
  parameters: Record<string, ParameterEntry>;
  rules: Record<string, Rule>;
  conditions: Record<string, ConditionExpr>;
  resources: Record<string, Resource>;
  outputs: Record<string, Output>;
}

const SECTIONS = ['parameters', 'rules', 'conditions', 'resources', 'outputs'] as const;

/**
 * Joins fragments' sections in order (their grants are collected by the composer, which hands
 * each role the statements addressed to it). Logical ids share one namespace across parameters, conditions,
 * resources and outputs' sections only where CloudFormation says so (a parameter and a
 * resource may not share a name); we are stricter and refuse any repeated name per section,
 * plus parameter/resource clashes.
 */
export function mergeFragments(fragments: readonly Fragment[]): MergedFragment {
  const merged: MergedFragment = {
    parameters: {},
    rules: {},
    conditions: {},
    resources: {},
    outputs: {},
  };
  for (const fragment of fragments) {
    for (const section of SECTIONS) {
      const entries = fragment[section];
      if (!entries) continue;
      const target = merged[section] as Record<string, unknown>;
      for (const [id, value] of Object.entries(entries)) {
        if (id in target) throw new DuplicateLogicalIdError(section, id);
        target[id] = value;
      }
    }
  }
  for (const id of Object.keys(merged.parameters)) {
    if (id in merged.resources) throw new DuplicateLogicalIdError('parameters and resources', id);
  }
  return merged;
}
