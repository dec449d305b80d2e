/** The shapes every lint layer shares: a finding, its severity, a path into a template. */

/** How bad a finding is. Errors fail the run; warnings and infos are reported only. */
export type Severity = 'error' | 'warning' | 'info';

import type { JsonPath } from '../template-file/types';

export type { JsonObject, JsonPath, JsonValue } from '../template-file/types';
export { isObject } from '../template-file/types';

/** One problem in one template, from any layer. */
export interface Finding {
  /** The template file as the user named it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  severity: Severity;
  /** Rule id: `FO…` for our rules, cfn-lint's own ids (`E3012`, `W1020`…) for its findings. */
  rule: string;
  /** What is wrong and how to fix it. */
  message: string;
  /** Which layer reported it. */
  source: 'fargate-oidc' | 'cfn-lint';
  /**
   * Where in the template, as keys (`['Resources', 'Role', 'Properties', 'Policies', 0]`), when
   * known: what SARIF's fingerprints are made of, so an alert keeps its identity when lines move.
   */
  path?: JsonPath;
}
