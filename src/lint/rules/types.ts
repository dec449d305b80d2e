/** What a rule is, what it reports, and what it gets to look at. */
import type { PolicyStatement } from '../policy';
import type { TemplateSource } from '../template-source';
import type { JsonObject, JsonPath, Severity } from '../types';

/** A rule's catalogue entry. */
export interface Rule {
  /** Stable id, used in output and in `ignore_rules`: `FO` + layer digit + number. */
  id: string;
  severity: Severity;
  /** One line saying what the rule checks. */
  title: string;
}

/** A rule's report before positions and suppressions are applied. */
export interface RuleHit {
  rule: string;
  /** Where in the template: the line:col of this path is reported. */
  path: JsonPath;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Everything a rule may read. Built once per template. */
export interface RuleContext {
  source: TemplateSource;
  template: JsonObject;
  /** `[logicalId, resource]` pairs of the Resources section. */
  resources: [string, JsonObject][];
  /** Every IAM policy statement, `Fn::If` branches expanded. */
  statements: PolicyStatement[];
}

/** A group of rules checked by one function (one concern per module). */
export interface RuleSet {
  rules: readonly Rule[];
  check(ctx: RuleContext): RuleHit[] | Promise<RuleHit[]>;
}
