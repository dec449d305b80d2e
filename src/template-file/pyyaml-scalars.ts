/**
 * Plain YAML scalars read the way cfn-lint reads them: PyYAML's YAML 1.1 resolver
 * (`yaml/resolver.py`, used by cfn-lint's `cfnlint/decode/cfn_yaml.py` through `SafeLoader`).
 * The `yaml` library's own 1.1 schema reads more plain scalars as booleans and numbers than
 * PyYAML does: `y` and `n` (booleans there, strings here), `1e3` (PyYAML floats need a dot and a
 * signed exponent: `1.0e+3`), `08` (PyYAML's octal needs digits 0-7; a decimal cannot start
 * with 0). Quoted values are strings in every reader.
 *
 * Timestamps are left to the caller (the template reader keeps their source text, as
 * CloudFormation passes `2010-09-09` through as a string).
 */
import type { ScalarTag, Tags } from 'yaml';

const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';

/** PyYAML's implicit resolvers for bool, int and float, as JavaScript regular expressions. */
export const PYYAML_PATTERNS = {
  true: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  false: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  int: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  float:
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
} as const;

/** `1:30:00` → 5400 (base 60, as PyYAML's `construct_yaml_int` and `construct_yaml_float`). */
function sexagesimal(digits: string): number {
  return digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** PyYAML's `construct_yaml_int`: underscores dropped, `0b`, `0x`, leading-0 octal, base 60. */
export function pyyamlInt(source: string): number {
  let s = source.replace(/_/g, '');
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s.startsWith('0')) return sign * parseInt(s, 8);
  if (s.includes(':')) return sign * sexagesimal(s);
  return sign * parseInt(s, 10);
}

/** PyYAML's `construct_yaml_float`: underscores dropped, `.inf`, `.nan`, base 60. */
export function pyyamlFloat(source: string): number {
  let s = source.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * sexagesimal(s);
  return sign * parseFloat(s);
}

const identifyNever = (): boolean => false;

/** The replacement tags, tried in PyYAML's order for plain scalars. */
const PYYAML_SCALARS: ScalarTag[] = [
  { tag: BOOL, default: true, test: PYYAML_PATTERNS.true, identify: identifyNever, resolve: () => true },
  { tag: BOOL, default: true, test: PYYAML_PATTERNS.false, identify: identifyNever, resolve: () => false },
  { tag: INT, default: true, test: PYYAML_PATTERNS.int, identify: identifyNever, resolve: pyyamlInt },
  { tag: FLOAT, default: true, test: PYYAML_PATTERNS.float, identify: identifyNever, resolve: pyyamlFloat },
];

const tagName = (t: Tags[number]): string | undefined => (typeof t === 'string' ? undefined : t.tag);

/**
 * A `customTags` function for `parseDocument(text, { version: '1.1', customTags })`: drops the
 * `yaml` library's bool, int and float tags, puts PyYAML's in their place, then adds `extra`.
 */
export function pyyamlTags(extra: Tags): (defaults: Tags) => Tags {
  const replaced = new Set([BOOL, INT, FLOAT]);
  return (defaults) => [...defaults.filter((t) => !replaced.has(tagName(t) ?? '')), ...PYYAML_SCALARS, ...extra];
}
