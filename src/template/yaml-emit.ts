/**
 * A YAML emitter for JSON data, written for CloudFormation's YAML 1.1 parser.
 *
 * Why not the `yaml` package here: its cold first `stringify` of this template takes ~20 ms,
 * a third of the whole build process (see `npm run bench`); this emitter takes ~1 ms. It
 * only has to write JSON data (maps, lists, strings, numbers, booleans, null), so it stays
 * small by being conservative: a string is written plain only when it cannot be read as
 * anything else under YAML 1.1 (no boolean/null words such as `yes`, `on`, `~`, nothing that
 * starts like a number, date or indicator, no `: ` or ` #`); every other string is written
 * double-quoted with JSON escapes, non-ASCII as `\u`/`\U` escapes. The tests read the output
 * back with PyYAML and with the `yaml` package in 1.1 mode and demand the same object.
 */
import type { Json } from './cfn';

/** YAML 1.1 words that resolve to booleans or null when plain. */
const RESERVED = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null'].flatMap((w) => [w, w[0]?.toUpperCase() + w.slice(1), w.toUpperCase()]),
);

/** Starts with a letter, `_`, `$` or `/`; then only characters with no meaning in a block plain scalar. */
const PLAIN = /^[A-Za-z_$/][A-Za-z0-9_$/.,:;@*?+=<>(){}%' -]*$/;

function isPlainSafe(s: string): boolean {
  return (
    PLAIN.test(s) &&
    !RESERVED.has(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !s.endsWith(' ') &&
    // The `yaml` package's 1.1 schema reads `e31` as a float (NaN); quote it for any reader.
    !/^[eE][-+]?[0-9]/.test(s)
  );
}

/** A double-quoted YAML scalar: JSON escapes, everything outside printable ASCII escaped. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/gu, (ch) => {
    const cp = ch.codePointAt(0) as number;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

function scalar(v: Exclude<Json, object> | null): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return isPlainSafe(v) ? v : quote(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} to YAML`);
    return String(v);
  }
  return v ? 'true' : 'false';
}

/**
 * A multi-line string as a literal block (`|`, or `|-` without a final newline), when the
 * text survives it unchanged: printable ASCII lines, the first not starting with a space, no
 * trailing spaces, at most one final newline. Shell scripts in workflows stay readable.
 */
function literalBlock(s: string, indent: string): string[] | undefined {
  if (!s.includes('\n') || !/^[\x20-\x7e\n]*$/.test(s) || s.startsWith(' ') || s.endsWith('\n\n')) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const lines = body.split('\n');
  if (lines.some((l) => l.endsWith(' ')) || lines[0] === '') return undefined;
  return [s.endsWith('\n') ? '|' : '|-', ...lines.map((l) => (l === '' ? '' : `${indent}  ${l}`))];
}

/** Appends `prefix` + the value (scalar, empty container or literal block) to `out`. */
function pushLeaf(prefix: string, value: Json, indent: string, out: string[]): void {
  const block = typeof value === 'string' ? literalBlock(value, indent) : undefined;
  if (block) {
    out.push(`${prefix}${block[0]}`, ...block.slice(1));
  } else {
    out.push(`${prefix}${emptyOrScalar(value)}`);
  }
}

const isBlock = (v: Json): v is Json[] | { [k: string]: Json } =>
  typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);

function emptyOrScalar(v: Json): string {
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object' && v !== null) return '{}';
  return scalar(v);
}

/** Options of {@link emitYaml}. */
export interface EmitOptions {
  /**
   * Longest flow collection (`[a, b]`, `{k: v}`) written on one line instead of a block, in
   * characters; 0 (the default) writes every collection as a block.
   */
  flowWidth?: number;
}

/** Plain inside a flow collection: no `:`, `,`, `?`, brackets or other indicators PyYAML stops at. */
const FLOW_PLAIN = /^[A-Za-z_/][A-Za-z0-9_/. ()=+-]*$/;

/** A scalar inside a flow collection: plain only when {@link FLOW_PLAIN} allows it, else double-quoted. */
function flowScalar(v: Exclude<Json, object> | null): string {
  if (typeof v === 'string' && !(FLOW_PLAIN.test(v) && isPlainSafe(v))) return quote(v);
  return scalar(v);
}

/**
 * `v` in flow style when it holds no multi-line string and fits in `budget` characters: a
 * small policy condition or `{"Fn::GetAtt": [Role, Arn]}` on one line instead of four.
 */
function flow(v: Json, budget: number): string | undefined {
  if (budget <= 0) return undefined;
  if (typeof v === 'string' && v.includes('\n')) return undefined;
  if (typeof v !== 'object' || v === null) return flowScalar(v);
  const parts: string[] = [];
  let used = 2;
  const entries: [string | undefined, Json][] = Array.isArray(v) ? v.map((x) => [undefined, x]) : Object.entries(v);
  for (const [key, value] of entries) {
    const inner = flow(value, budget - used);
    if (inner === undefined) return undefined;
    const part = key === undefined ? inner : `${flowScalar(key)}: ${inner}`;
    used += part.length + 2;
    if (used > budget) return undefined;
    parts.push(part);
  }
  return Array.isArray(v) ? `[${parts.join(', ')}]` : `{${parts.join(', ')}}`;
}

/** Lines of a non-empty map or list at `indent`. */
function block(v: Json[] | { [k: string]: Json }, indent: string, out: string[], width: number): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const inline = isBlock(item) ? flow(item, width) : undefined;
      if (inline !== undefined) {
        out.push(`${indent}- ${inline}`);
      } else if (isBlock(item)) {
        // "- " takes the place of the child's first indentation: "- key: value" / "- - item".
        const start = out.length;
        block(item, `${indent}  `, out, width);
        out[start] = `${indent}- ${(out[start] as string).slice(indent.length + 2)}`;
      } else {
        pushLeaf(`${indent}- `, item, indent, out);
      }
    }
    return;
  }
  for (const [key, value] of Object.entries(v)) {
    const k = scalar(key);
    const inline = isBlock(value) ? flow(value, width) : undefined;
    if (inline !== undefined) {
      out.push(`${indent}${k}: ${inline}`);
    } else if (isBlock(value)) {
      out.push(`${indent}${k}:`);
      // Lists under a key are indented too (the common style for CloudFormation).
      block(value, `${indent}  `, out, width);
    } else {
      pushLeaf(`${indent}${k}: `, value, indent, out);
    }
  }
}

/** YAML text (block style, two-space indentation) that a YAML 1.1 parser reads as `value`. */
export function emitYaml(value: Json, options: EmitOptions = {}): string {
  if (!isBlock(value)) return `${emptyOrScalar(value)}\n`;
  const out: string[] = [];
  block(value, '', out, options.flowWidth ?? 0);
  return `${out.join('\n')}\n`;
}
