/** The shapes every lint layer shares: a finding, its severity, a path into a template. */

/** How bad a finding is. Errors fail the run; warnings and infos are reported only. */
export type Severity = 'error' | 'warning' | 'info';

/** A key or index path into the parsed template, e.g. `['Resources', 'Role', 'Properties']`. */
export type JsonPath = readonly (string | number)[];

/** JSON data as parsed from a template (intrinsic short forms already in their long form). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

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
}

/** Narrows a value to a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
