/**
 * The one shape of a rule: its catalogue entry (id, severity, what it checks, why, how to fix)
 * and its check, together. A rule file exports a list of rules, one per table row; the
 * registry (`./index`) concatenates those lists, and the union of their ids is `RuleId`.
 */
import type { PolicyStatement } from '../policy';
import type { ParsedTemplate } from '../../template-file/decode';
import type { JsonObject, JsonPath, Severity } from '../types';

/** A rule's catalogue entry: what `--list-rules` prints and SARIF's `tool.driver.rules` carries. */
export interface RuleMeta<Id extends string = string> {
  /** Stable id, used in output and in `ignore_rules`: `FO` + layer digit + number. */
  id: Id;
  /** Severity of its findings, unless a report says otherwise (e.g. info for a resource off by default). */
  severity: Severity;
  /** One line saying what the rule checks (SARIF `shortDescription`). */
  title: string;
  /** Why it matters, in a sentence or two (SARIF `fullDescription`). */
  help: string;
  /** How to fix it in general; each finding's message says it for the case at hand. */
  fix: string;
}

/** One thing a rule found, before positions and suppressions are applied. */
export interface RuleReport {
  /** Where in the template: the line:col of this path is reported. */
  path: JsonPath;
  /** What is wrong and how to fix it. */
  message: string;
  /** Overrides the rule's severity for this finding (e.g. `info` for a resource off by default). */
  severity?: Severity;
  /** Overrides `path` with a known position (parse errors, which have no path). */
  position?: { line: number; col: number };
}

/** Everything a rule on a parsed template may read. Built once per template. */
export interface RuleContext {
  source: ParsedTemplate;
  template: JsonObject;
  /** `[logicalId, resource]` pairs of the Resources section (`Fn::ForEach` expanded). */
  resources: [string, JsonObject][];
  /** Where each resource is written, and the `Fn::ForEach` that generated it (see `templateResources`). */
  resourceOrigins: ReadonlyMap<string, { path: JsonPath; generatedBy?: string }>;
  /** Every policy statement of every resource (see `../policy`), `Fn::If` branches expanded. */
  statements: PolicyStatement[];
}

/** A rule: catalogue entry and check together. */
export interface LintRule<Id extends string = string> extends RuleMeta<Id> {
  /**
   * `file`: runs on the source before anything else and sees no context but the source; a
   * report stops every later rule (the template cannot be read). `template` (the default):
   * runs on a parsed CloudFormation template.
   */
  stage?: 'file' | 'template';
  check(ctx: RuleContext): RuleReport[] | Promise<RuleReport[]>;
}

/** Keeps a rule's literal id type (`'FO101'`, not `string`), so the registry's ids form a union. */
export function defineRule<Id extends string>(rule: LintRule<Id>): LintRule<Id> {
  return rule;
}
