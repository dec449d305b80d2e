/**
 * Reads a CloudFormation template (YAML or JSON) into plain data and remembers where each
 * value came from, so a finding about `Resources.Role.Properties.Policies[0]` can say
 * `template.yaml:42:11`.
 *
 * YAML is read as cfn-lint reads it (PyYAML's YAML 1.1 resolver, see `yaml-schema.ts`: `yes` is
 * a boolean, `y`, `n`, `1e3` and `08` are strings), and the short forms `!Ref`, `!Sub`,
 * `!GetAtt`, `!If`… are turned into their long forms (`Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::If`),
 * so the rules see one shape whichever the author wrote. JSON is checked with `JSON.parse` first
 * (a `//` comment is a JSON syntax error, as cfn-lint says), then read by the same YAML parser,
 * with JSON's number rules, for positions and duplicate keys, which `JSON.parse` would silently
 * merge (the second `StringEquals` replacing the first).
 *
 * Hostile input is refused quickly instead of hanging a CI job: aliases that expand to more
 * than {@link LIMITS}.aliasValues values (an alias bomb: 9 levels of 9 aliases make 387 million)
 * and nesting deeper than {@link LIMITS}.depth levels. A refused template has `data: null` and
 * a `refused` reason; cfn-lint must not be run on it (PyYAML expands the bomb and hangs).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type ScalarTag, type CollectionTag } from 'yaml';
import type { JsonPath, JsonValue } from './types';
import { pyyamlTags } from './yaml-schema';

/** A 1-based position in a file. */
export interface Position {
  line: number;
  col: number;
}

/** A template read from disk or memory, with positions. */
export interface TemplateSource {
  /** File name as the user gave it (used in findings). */
  file: string;
  /** The raw text. */
  text: string;
  /** Size of the text in UTF-8 bytes (what CloudFormation's body limits count). */
  bytes: number;
  /** The parsed template; `null` when it did not parse. */
  data: JsonValue;
  /** Problems that stopped or spoiled parsing, with positions. */
  parseErrors: { position: Position; message: string }[];
  /**
   * Set when the text was refused as hostile (alias bomb, absurd nesting): why, in a few words.
   * `data` is then null, and cfn-lint must not be run on the file.
   */
  refused?: string;
  /** Where the value at `path` starts; the nearest parent's position when the path is unknown. */
  locate(path: JsonPath): Position;
}

/** Short-form tags CloudFormation accepts, and the long-form key each becomes. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/**
 * Tags that keep the node as it is: the conversion below reads `node.tag`. Declaring them
 * stops the parser from warning about unknown tags.
 */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, identify: () => false, resolve: (value: string) => value } satisfies ScalarTag,
  { tag, collection: 'seq', identify: () => false, resolve: (value) => value } as CollectionTag,
  { tag, collection: 'map', identify: () => false, resolve: (value) => value } as CollectionTag,
]);

/** Limits that stop hostile input. Real templates stay far below them. */
export const LIMITS = {
  /** Bytes read at all: four times CloudFormation's 1,000,000-byte limit for a template in S3. */
  bytes: 4_000_000,
  /** Values produced by expanding aliases, over the whole template. */
  aliasValues: 100_000,
  /** Levels of nested mappings and sequences (the `yaml` parser itself overflows near 1,000). */
  depth: 200,
} as const;

const pathKey = (path: JsonPath): string => path.join('\u0000');

/** A problem with a position in the text, before it is turned into a line and column. */
interface ParseProblem {
  offset: number;
  message: string;
}

/** Thrown inside the conversion to stop it at once; caught in {@link parseTemplateSource}. */
class Refusal extends Error {
  constructor(
    /** In a few words, for {@link TemplateSource.refused}. */
    readonly reason: string,
    readonly offset: number,
    /** What is wrong, as the message starts. */
    readonly headline: string,
    /** What to do. */
    readonly advice: string,
  ) {
    super(reason);
  }
}

const tooDeep = (offset: number): Refusal =>
  new Refusal(`nested deeper than ${LIMITS.depth} levels`, offset, `The template nests deeper than ${LIMITS.depth} levels`, 'No CloudFormation template needs that: flatten it');

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
 * Throws a {@link Refusal} when expanding the aliases would add more than
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
        throw new Refusal('a YAML alias inside its own anchor', node.range?.[0] ?? 0, `YAML alias *${node.source} is inside its own anchor`, 'Remove the alias that points back to the value holding it');
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
    throw new Refusal(reason, worst.offset, `${reason} (an alias bomb?)`, 'Write the repeated values out or use fewer aliases');
  }
}

const looksLikeJson = (text: string): boolean => /^\uFEFF?\s*\{/.test(text);

/**
 * `JSON.parse`'s complaint about `text`, with its offset, or undefined when it is valid JSON.
 * V8 says `... in JSON at position 4`; the position becomes a line and column later.
 */
function jsonSyntaxProblem(text: string): ParseProblem | undefined {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return undefined;
  } catch (e) {
    const raw = (e as Error).message;
    const at = /\s*in JSON at position (\d+).*$/.exec(raw);
    const offset = at ? Number(at[1]) + (text.startsWith('\uFEFF') ? 1 : 0) : 0;
    const what = at ? raw.slice(0, at.index) : raw;
    const comment = /^\/[/*]/.test(text.slice(offset)) || /\/\/|\/\*/.test(text.slice(0, offset + 2));
    const hint = comment ? ' (JSON has no comments: remove // and /* */ comments or write the template in YAML)' : '';
    return { offset, message: `JSON syntax: ${what}${hint}` };
  }
}

/** Parses `text` (YAML or JSON) into a {@link TemplateSource}. Never throws on bad input. */
export function parseTemplateSource(file: string, text: string): TemplateSource {
  const bytes = Buffer.byteLength(text);
  if (bytes > LIMITS.bytes) {
    return {
      file,
      text,
      bytes,
      data: null,
      parseErrors: [
        {
          position: { line: 1, col: 1 },
          message:
            `The file is ${bytes} bytes, over four times CloudFormation's ${LIMITS.bytes / 4}-byte limit; the template was not read further ` +
            'and cfn-lint was not run on it. Lint the template, not another file, or split it into nested stacks',
        },
      ],
      refused: `over ${LIMITS.bytes} bytes`,
      locate: () => ({ line: 1, col: 1 }),
    };
  }
  const lineCounter = new LineCounter();
  const json = looksLikeJson(text);
  const jsonProblem = json ? jsonSyntaxProblem(text) : undefined;
  const valid = json && jsonProblem === undefined;
  const doc = valid
    ? parseDocument(text, { version: '1.2', schema: 'core', lineCounter, prettyErrors: false })
    : parseDocument(text, { version: '1.1', customTags: pyyamlTags(CUSTOM_TAGS), lineCounter, prettyErrors: false });
  const positions = new Map<string, Position>();
  const at = (offset: number | undefined): Position => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };
  const problems: ParseProblem[] = [];
  const targets = aliasTargets(doc);

  /** Aliases are expanded like PyYAML does; checkAliasExpansion has bounded the work first. */
  const convert = (node: unknown, path: (string | number)[], keyOffset: number | undefined, depth: number): JsonValue => {
    let resolved = node;
    if (isAlias(node)) {
      resolved = targets.get(node);
      if (resolved === undefined) {
        problems.push({ offset: node.range?.[0] ?? 0, message: `Unknown YAML alias *${node.source}: no anchor &${node.source} comes before it` });
        return null;
      }
    }
    if (depth > LIMITS.depth) {
      throw tooDeep((resolved as Node | null)?.range?.[0] ?? 0);
    }
    if (resolved === undefined || resolved === null) {
      positions.set(pathKey(path), at(keyOffset));
      return null;
    }
    const n = resolved as Node;
    const isCollection = isMap(n) || isSeq(n);
    const position = at(isCollection && keyOffset !== undefined ? keyOffset : n.range?.[0]);
    positions.set(pathKey(path), position);
    const longForm = n.tag !== undefined ? SHORT_FORMS[n.tag] : undefined;
    const innerPath = longForm === undefined ? path : [...path, longForm];
    if (longForm !== undefined) positions.set(pathKey(innerPath), position);

    let value: JsonValue;
    if (isScalar(n)) {
      const v = n.value;
      if (v instanceof Date) value = text.slice(n.range?.[0] ?? 0, n.range?.[1] ?? 0).replace(/^['"]|['"]$/g, '');
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
      const obj: { [key: string]: JsonValue } = {};
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        obj[key] = convert(pair.value, [...innerPath, key], keyNode?.range?.[0], depth + 1);
      }
      value = obj;
    } else if (isSeq(n)) {
      value = n.items.map((item, i) => convert(item, [...innerPath, i], undefined, depth + 1));
    } else {
      value = null;
    }
    return longForm === undefined ? value : { [longForm]: value };
  };

  const source = (data: JsonValue, errors: ParseProblem[], refused?: string): TemplateSource => ({
    file,
    text,
    bytes,
    data,
    parseErrors: errors.map((e) => ({ position: at(e.offset), message: e.message })),
    ...(refused === undefined ? {} : { refused }),
    locate(path: JsonPath): Position {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p !== undefined) return p;
      }
      return { line: 1, col: 1 };
    },
  });
  const refuse = (r: Refusal): TemplateSource =>
    source(null, [{ offset: r.offset, message: `${r.headline}; the template was not read further and cfn-lint was not run on it. ${r.advice}` }], r.reason);

  // The parser itself runs out of stack on absurd nesting before the conversion can count it.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) return refuse(tooDeep(exhausted.pos[0]));

  const yamlProblems: ParseProblem[] = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] ?? e.message }));
  let data: JsonValue;
  try {
    checkAliasExpansion(doc, targets);
    data = yamlProblems.length > 0 && doc.contents === null ? null : convert(doc.contents, [], undefined, 0);
  } catch (e) {
    if (e instanceof Refusal) return refuse(e);
    throw e;
  }
  // Text that starts like JSON but is not JSON: a YAML flow mapping that reads as a template is
  // fine (PyYAML reads it too); anything else gets JSON's complaint, not "no Resources".
  if (jsonProblem !== undefined) {
    const readsAsYaml = yamlProblems.length === 0 && problems.length === 0 && isTemplateShaped(data);
    if (!readsAsYaml) return source(null, [jsonProblem]);
  }
  return source(data, [...yamlProblems, ...problems]);
}

function isTemplateShaped(data: JsonValue): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && typeof data['Resources'] === 'object' && data['Resources'] !== null;
}
