/**
 * The one reader of CloudFormation template files (YAML or JSON), used by lint, deploy, destroy,
 * url and publish. It reads a template as cfn-lint reads it (`cfnlint/decode/cfn_yaml.py` on
 * PyYAML), so what the lint checks and what a deploy checks locally is what cfn-lint and
 * CloudFormation see:
 *
 * - Short tags follow cfn-lint's rule: any `!X` becomes `{"Fn::X": ...}`, except `!Ref` and
 *   `!Condition`, which keep their name; `!GetAtt a.b` becomes `["a", "b"]`. A tagged scalar is
 *   its text (`!Ref 5` is `{"Ref": "5"}`). So `!Contains`, `!EachMemberIn`, `!ValueOf` and any
 *   function CloudFormation adds later arrive in their long form with no table to update.
 * - Plain scalars follow PyYAML's YAML 1.1 resolver (`pyyaml-scalars.ts`): `yes` is true, `y`,
 *   `1e3` and `08` are strings; a timestamp keeps its text (`2010-09-09`).
 * - Merge keys (`<<: *base`) merge as PyYAML merges them: explicit keys win, then the first
 *   merged mapping.
 * - Indentation inside quoted scalars and flow collections is not checked, as PyYAML does not
 *   check it (`flow-indentation.ts`).
 * - What cfn-lint refuses is a {@link ParsedTemplate.problem}: duplicate keys (CloudFormation
 *   rejects them too), a null or non-scalar key, more than one document, a syntax error. Only
 *   the first problem is kept: one per file, as cfn-lint's E0000.
 *
 * JSON is checked with `JSON.parse` first (a `//` comment is a JSON syntax error, as cfn-lint
 * says), then read by the same YAML parser, with JSON's number rules, for positions and
 * duplicate keys, which `JSON.parse` would silently merge.
 *
 * Hostile input is refused quickly instead of hanging a CI job: aliases that expand to more
 * than {@link LIMITS}.aliasValues values (an alias bomb: 9 levels of 9 aliases make 387 million)
 * and nesting deeper than {@link LIMITS}.depth levels. A refused template has `data: null` and
 * a `refused` reason; cfn-lint must not be run on it (PyYAML expands the bomb and hangs).
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { UserError } from '../errors';
import { indentFlowContinuations, type IndentedText } from './flow-indentation';
import { pyyamlTags } from './pyyaml-scalars';
import type { JsonPath, JsonValue, Position } from './types';

export type { JsonObject, JsonPath, JsonValue, Position } from './types';

/** The first thing that stopped a template from being read, with its position. */
export interface DecodeProblem {
  position: Position;
  /** What is wrong, as cfn-lint would say it. */
  message: string;
  /** What to do, when it is more than fixing the text at `position` (hostile input). */
  advice?: string;
}

/** A template file decoded into data, with the position of every value. */
export interface ParsedTemplate {
  /** File name as the user gave it (used in findings and messages). */
  file: string;
  /** The raw text. */
  text: string;
  /** Size of the text in UTF-8 bytes (what CloudFormation's body limits count). */
  bytes: number;
  /** The decoded template; `null` when it could not be read. */
  data: JsonValue;
  /** Whether the text was read as JSON (valid JSON starting with `{`) or as YAML. */
  format: 'json' | 'yaml';
  /** The first problem that stopped reading (`data` is then null), as cfn-lint's one E0000. */
  problem?: DecodeProblem;
  /**
   * Set when the text was refused as hostile (alias bomb, absurd nesting, too large): why, in a
   * few words. `data` is then null, and cfn-lint must not be run on the file.
   */
  refused?: string;
  /** Where the value at `path` starts; the nearest parent's position when the path is unknown. */
  locate(path: JsonPath): Position;
}

/** Limits that stop hostile input. Real templates stay far below them. */
export const LIMITS = {
  /** Bytes read at all: four times CloudFormation's 1,000,000-byte limit for a template in S3. */
  bytes: 4_000_000,
  /** Values produced by expanding aliases, over the whole template. */
  aliasValues: 100_000,
  /** Levels of nested mappings and sequences (the `yaml` parser itself overflows near 1,000). */
  depth: 200,
} as const;

/**
 * Short tags declared to the parser, only so that it does not build a warning (an Error with a
 * stack) for each of them: on a batch of templates that was a tenth of the lint's time. The
 * tags declared change nothing in what is read: any other `!X` is read the same way, through
 * {@link longFormOf}.
 */
const DECLARED_TAGS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'Length',
  'ToJsonString',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];

/** Each declared tag on scalars, sequences and mappings, leaving the value as written. */
const SHORT_TAGS: (ScalarTag | CollectionTag)[] = DECLARED_TAGS.flatMap((name) => [
  { tag: `!${name}`, identify: () => false, resolve: (value: string) => value } satisfies ScalarTag,
  { tag: `!${name}`, collection: 'seq', identify: () => false, resolve: (value) => value } as CollectionTag,
  { tag: `!${name}`, collection: 'map', identify: () => false, resolve: (value) => value } as CollectionTag,
]);

/** The intrinsic-function keys cfn-lint keeps without `Fn::` when written as a short tag. */
const UNPREFIXED = new Set(['Ref', 'Condition']);

/**
 * The long-form key of a short tag (`!Sub` → `Fn::Sub`, `!Ref` → `Ref`), or undefined for no
 * tag or a standard one (`!!str`, which the parser has already expanded to `tag:yaml.org,...`).
 */
export function longFormOf(tag: string | undefined): string | undefined {
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!') || tag.length < 2) return undefined;
  const name = tag.slice(1);
  return UNPREFIXED.has(name) ? name : `Fn::${name}`;
}

const pathKey = (path: JsonPath): string => path.join('\u0000');

/** A problem with an offset into the text, before it is turned into a line and column. */
interface OffsetProblem {
  offset: number;
  message: string;
  advice?: string;
}

/** Thrown inside the conversion to stop it at once: the template is refused or unreadable. */
class Stop extends Error {
  constructor(
    readonly offset: number,
    /** What is wrong, as the message starts. */
    readonly headline: string,
    /** Set for a refusal of hostile input: in a few words, for {@link ParsedTemplate.refused}. */
    readonly refusal?: { reason: string; advice: string },
  ) {
    super(headline);
  }
}

const tooDeep = (offset: number): Stop =>
  new Stop(offset, `The template nests deeper than ${LIMITS.depth} levels`, {
    reason: `nested deeper than ${LIMITS.depth} levels`,
    advice: 'No CloudFormation template needs that: flatten it',
  });

/**
 * The node each alias stands for: the last anchor of its name before it, in document order
 * (the `yaml` library's rule), or undefined for an unknown anchor. One walk for the whole
 * document: `Alias.resolve` walks the document again for every alias.
 */
function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * Throws a {@link Stop} when expanding the aliases would add more than
 * {@link LIMITS}.aliasValues values, or an alias sits inside its own anchor. Counts without
 * expanding: each anchored value's expanded size is computed once.
 */
function checkAliasExpansion(doc: Document, targets: Map<Alias, Node | undefined>): void {
  const expanded = new Map<Node, number>();
  const open = new Set<Node>();
  let plain = 0;
  let worst = { size: 0, offset: 0 };
  const cap = (n: number): number => Math.min(n, Number.MAX_SAFE_INTEGER);
  const size = (node: unknown, viaAlias: boolean): number => {
    if (!viaAlias) plain += 1;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) return 1;
      if (open.has(target)) {
        throw new Stop(node.range?.[0] ?? 0, `YAML alias *${node.source} is inside its own anchor`, {
          reason: 'a YAML alias inside its own anchor',
          advice: 'Remove the alias that points back to the value holding it',
        });
      }
      const n = expanded.get(target) ?? size(target, true);
      if (n > worst.size) worst = { size: n, offset: node.range?.[0] ?? 0 };
      return n;
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = expanded.get(node);
    if (known !== undefined && viaAlias) return known;
    open.add(node);
    let total = 1;
    for (const item of node.items) total = cap(total + size(isMap(node) ? (item as { value: unknown }).value : item, viaAlias));
    open.delete(node);
    expanded.set(node, total);
    return total;
  };
  const total = size(doc.contents, false);
  if (total - plain > LIMITS.aliasValues) {
    const reason = `YAML aliases expand to more than ${LIMITS.aliasValues} values`;
    throw new Stop(worst.offset, `${reason} (an alias bomb?)`, { reason, advice: 'Write the repeated values out or use fewer aliases' });
  }
}

const looksLikeJson = (text: string): boolean => /^\uFEFF?\s*\{/.test(text);

/**
 * `JSON.parse`'s complaint about `text`, with its offset, or undefined when it is valid JSON.
 * V8 says `... in JSON at position 4`; the position becomes a line and column later.
 */
function jsonSyntaxProblem(text: string): (Omit<OffsetProblem, 'offset'> & { offset: number | undefined }) | undefined {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return undefined;
  } catch (e) {
    const raw = (e as Error).message;
    // V8 also says "... after JSON at position 8", and for some errors names no position at all
    // ("Unexpected token ']', ... is not valid JSON"): then the YAML parser's first error places it.
    const at = /\s*(in|after) JSON at position (\d+).*$/.exec(raw);
    const offset = at ? Number(at[2]) + (text.startsWith('\uFEFF') ? 1 : 0) : undefined;
    const what = at ? raw.slice(0, at.index) + (at[1] === 'after' ? ' after the JSON' : '') : raw;
    const comment = offset !== undefined && (/^\/[/*]/.test(text.slice(offset)) || /\/\/|\/\*/.test(text.slice(0, offset + 2)));
    const hint = comment ? ' (JSON has no comments: remove // and /* */ comments or write the template in YAML)' : '';
    return { offset, message: `JSON syntax: ${what}${hint}` };
  }
}

/** The parser's first error, worded for a template author. */
function yamlErrorMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: the same key appears twice in one mapping (CloudFormation rejects the template)';
  if (code === 'MULTIPLE_DOCS') return 'The file holds more than one YAML document (a second ---); a template is one document';
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Errors of the `yaml` library that PyYAML does not raise: a comment right after a quoted
 * scalar or a flow collection (`"a"#note`), which PyYAML's scanner skips as a comment.
 */
const LAXER_IN_PYYAML = (e: YAMLError): boolean => e.code === 'MISSING_CHAR' && e.message.startsWith('Comments must be separated');

/** The errors PyYAML would raise too. */
const pyyamlErrors = (doc: Document): YAMLError[] => doc.errors.filter((e) => !LAXER_IN_PYYAML(e));

/** One parse of the text (as written, or with flow continuations indented). */
interface Attempt {
  doc: Document;
  /** The text parsed. */
  text: string;
  lineCounter: LineCounter;
  /** Spaces added per 0-based line (see `flow-indentation.ts`). */
  shift: ReadonlyMap<number, number>;
}

function parseAttempt(text: string, json: boolean, indented?: IndentedText): Attempt {
  const lineCounter = new LineCounter();
  const parsed = indented?.text ?? text;
  const doc = json
    ? parseDocument(parsed, { version: '1.2', schema: 'core', lineCounter, prettyErrors: false })
    : parseDocument(parsed, { version: '1.1', merge: true, customTags: pyyamlTags(SHORT_TAGS), lineCounter, prettyErrors: false });
  return { doc, text: parsed, lineCounter, shift: indented?.shift ?? new Map() };
}

/** The line (0-based, as written) of an attempt's first error that PyYAML would raise too. */
function firstErrorLine(attempt: Attempt): number {
  const offsets = pyyamlErrors(attempt.doc).map((e) => e.pos[0]);
  return offsets.length === 0 ? Number.POSITIVE_INFINITY : attempt.lineCounter.linePos(Math.min(...offsets)).line - 1;
}

/**
 * Which parse to read: the text as written, unless PyYAML's laxer indentation takes it
 * further. When both fail, the one whose first error comes later is nearer PyYAML's: a quoted
 * string continued at a low indent is no error to PyYAML, a duplicate key further down is.
 */
function chooseAttempt(text: string, json: boolean): Attempt {
  const asWritten = parseAttempt(text, json);
  if (json || pyyamlErrors(asWritten.doc).length === 0) return asWritten;
  const indented = indentFlowContinuations(text);
  if (indented === undefined) return asWritten;
  const relaxed = parseAttempt(text, json, indented);
  return firstErrorLine(relaxed) > firstErrorLine(asWritten) ? relaxed : asWritten;
}

/** Decodes `text` (YAML or JSON) into a {@link ParsedTemplate}. Never throws on bad input. */
export function decodeTemplate(file: string, text: string): ParsedTemplate {
  const bytes = Buffer.byteLength(text);
  const json = looksLikeJson(text);
  const jsonProblem = json ? jsonSyntaxProblem(text) : undefined;
  const readAsJson = json && jsonProblem === undefined;
  const base = { file, text, bytes, format: readAsJson ? ('json' as const) : ('yaml' as const) };
  if (bytes > LIMITS.bytes) {
    return {
      ...base,
      data: null,
      problem: {
        position: { line: 1, col: 1 },
        message: `The file is ${bytes} bytes, over four times CloudFormation's ${LIMITS.bytes / 4}-byte limit; the template was not read further`,
        advice: 'Lint the template, not another file, or split it into nested stacks',
      },
      refused: `over ${LIMITS.bytes} bytes`,
      locate: () => ({ line: 1, col: 1 }),
    };
  }
  const attempt = chooseAttempt(text, readAsJson);
  const { doc, lineCounter, shift } = attempt;
  const positions = new Map<string, Position>();
  const at = (offset: number | undefined): Position => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: Math.max(1, p.col - (shift.get(p.line - 1) ?? 0)) };
  };
  const targets = aliasTargets(doc);
  const offsetOf = (node: unknown): number => (node as Node | null)?.range?.[0] ?? 0;

  /** Aliases are expanded like PyYAML does; checkAliasExpansion has bounded the work first. */
  const convert = (node: unknown, path: (string | number)[], keyOffset: number | undefined, depth: number): JsonValue => {
    let resolved = node;
    if (isAlias(node)) {
      resolved = targets.get(node);
      if (resolved === undefined)
        throw new Stop(offsetOf(node), `Unknown YAML alias *${node.source}: no anchor &${node.source} comes before it`);
    }
    if (depth > LIMITS.depth) throw tooDeep(offsetOf(resolved));
    if (resolved === undefined || resolved === null) {
      positions.set(pathKey(path), at(keyOffset));
      return null;
    }
    const n = resolved as Node;
    const isCollection = isMap(n) || isSeq(n);
    const position = at(isCollection && keyOffset !== undefined ? keyOffset : n.range?.[0]);
    positions.set(pathKey(path), position);
    const longForm = longFormOf(n.tag);
    const innerPath = longForm === undefined ? path : [...path, longForm];
    if (longForm !== undefined) positions.set(pathKey(innerPath), position);

    let value: JsonValue;
    if (isScalar(n)) {
      const v = n.value;
      if (longForm !== undefined) value = v === null || v === undefined ? '' : String(v);
      else if (v instanceof Date) value = attempt.text.slice(n.range?.[0] ?? 0, n.range?.[1] ?? 0).replace(/^['"]|['"]$/g, '');
      else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') value = v;
      else if (typeof v === 'bigint') value = Number(v);
      else value = String(v);
      if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        const parts = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
        for (const i of parts.keys()) positions.set(pathKey([...innerPath, i]), position);
        value = parts;
      }
    } else if (isMap(n)) {
      value = convertMap(n.items as Pair[], innerPath, depth);
    } else if (isSeq(n)) {
      value = n.items.map((item, i) => convert(item, [...innerPath, i], undefined, depth + 1));
    } else {
      value = null;
    }
    return longForm === undefined ? value : { [longForm]: value };
  };

  /** A mapping's keys: explicit keys, after the keys of any `<<` merge (PyYAML's `flatten_mapping`). */
  const convertMap = (pairs: readonly Pair[], path: (string | number)[], depth: number): { [key: string]: JsonValue } => {
    const merged: { [key: string]: JsonValue } = {};
    const here = positions.get(pathKey(path));
    const own: { [key: string]: JsonValue } = {};
    for (const pair of pairs) {
      // A key may be an alias of a scalar (`*name : value`), as PyYAML allows.
      const keyNode = (isAlias(pair.key) ? (targets.get(pair.key) ?? pair.key) : pair.key) as Node | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        const sources = mergeSources(pair.value, keyNode);
        // Earlier mappings in `<<: [*a, *b]` win, as in PyYAML.
        for (const source of [...sources].reverse()) {
          const values = convert(source, path, undefined, depth + 1) as { [key: string]: JsonValue };
          Object.assign(merged, values);
        }
        if (here !== undefined) positions.set(pathKey(path), here);
        continue;
      }
      if (keyNode === null || (isScalar(keyNode) && (keyNode.value === null || keyNode.value === undefined))) {
        const written = isScalar(keyNode) && keyNode.source !== '' ? ` ${JSON.stringify(keyNode.source)}` : '';
        throw new Stop(offsetOf(keyNode ?? pair.value), `Null key${written} not supported: a key must be a string`);
      }
      if (!isScalar(keyNode))
        throw new Stop(offsetOf(keyNode), 'A mapping or sequence as a key is not supported (cfn-lint: unhashable type)');
      const keyTag = longFormOf(keyNode.tag);
      // `[!ImportValue Fn::Sub: x]` makes `!ImportValue Fn::Sub` a key: a mapping to PyYAML.
      if (keyTag !== undefined)
        throw new Stop(
          offsetOf(keyNode),
          `A function (${keyNode.tag}) as a key is not supported (cfn-lint: unhashable type); in a flow collection, quote or wrap the value that holds ": "`,
        );
      const key = String(keyNode.value);
      own[key] = convert(pair.value, [...path, key], keyNode.range?.[0], depth + 1);
    }
    return { ...merged, ...own };
  };

  /** The mappings a `<<` key merges: one mapping, or a sequence of them. */
  const mergeSources = (value: unknown, keyNode: Node): Node[] => {
    const resolve = (v: unknown): unknown => (isAlias(v) ? targets.get(v) : v);
    const target = resolve(value);
    const list = isSeq(target) ? target.items.map(resolve) : [target];
    const bad = list.find((item) => !isMap(item));
    if (bad !== undefined) throw new Stop(offsetOf(keyNode), 'A merge key (<<) takes a mapping or a list of mappings');
    return list as Node[];
  };

  const result = (data: JsonValue, problem?: OffsetProblem, refused?: string): ParsedTemplate => ({
    ...base,
    data,
    ...(problem === undefined
      ? {}
      : {
          problem: {
            position: at(problem.offset),
            message: problem.message,
            ...(problem.advice === undefined ? {} : { advice: problem.advice }),
          },
        }),
    ...(refused === undefined ? {} : { refused }),
    locate(path: JsonPath): Position {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p !== undefined) return p;
      }
      return { line: 1, col: 1 };
    },
  });
  const stopped = (s: Stop): ParsedTemplate =>
    s.refusal === undefined
      ? result(null, { offset: s.offset, message: s.headline })
      : result(
          null,
          { offset: s.offset, message: `${s.headline}; the template was not read further`, advice: s.refusal.advice },
          s.refusal.reason,
        );

  // The parser itself runs out of stack on absurd nesting before the conversion can count it.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) return stopped(tooDeep(exhausted.pos[0]));

  const firstError = pyyamlErrors(doc).sort((a, b) => a.pos[0] - b.pos[0])[0];
  try {
    checkAliasExpansion(doc, targets);
    // Text that starts like JSON but is not JSON: a YAML flow mapping that reads as a template
    // is fine (PyYAML reads it too); anything else gets JSON's complaint, not "no Resources".
    if (firstError !== undefined) {
      return result(
        null,
        jsonProblem
          ? { ...jsonProblem, offset: jsonProblem.offset ?? firstError.pos[0] }
          : { offset: firstError.pos[0], message: yamlErrorMessage(firstError.code, firstError.message) },
      );
    }
    // An empty file is an empty mapping to cfn-lint (which then says Resources is missing).
    const data = doc.contents === null ? {} : convert(doc.contents, [], undefined, 0);
    return jsonProblem !== undefined && !isTemplateShaped(data)
      ? result(null, { ...jsonProblem, offset: jsonProblem.offset ?? 0 })
      : result(data);
  } catch (e) {
    if (e instanceof Stop) return stopped(e);
    throw e;
  }
}

function isTemplateShaped(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const resources = (data as { Resources?: unknown }).Resources;
  return typeof resources === 'object' && resources !== null;
}

/** A template that could not be read: names the file, the line and column, and what is wrong. */
export class TemplateDecodeError extends UserError {
  constructor(
    /** How the template is named in the message, e.g. `--template-file t.yaml`. */
    readonly what: string,
    readonly template: ParsedTemplate,
    readonly problem: DecodeProblem,
  ) {
    super(
      `${what} is not valid ${template.format === 'json' ? 'JSON' : 'YAML'} (line ${problem.position.line}, column ${problem.position.col}): ${problem.message}. ${problem.advice ?? 'Fix it there: cfn-lint and CloudFormation would reject it too'}.`,
    );
  }
}

/**
 * The data of a template that must be readable (deploy, destroy, url, publish): decodes it as
 * {@link decodeTemplate} does and throws a {@link TemplateDecodeError} naming `what` (e.g.
 * `--template-file t.yaml`) at the first problem.
 */
export function readTemplateData(what: string, text: string): { data: JsonValue; template: ParsedTemplate } {
  const template = decodeTemplate(what, text);
  if (template.problem !== undefined) throw new TemplateDecodeError(what, template, template.problem);
  return { data: template.data, template };
}
