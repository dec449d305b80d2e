/**
 * Reads a CloudFormation template (YAML or JSON) into plain data and remembers where each
 * value came from, so a finding about `Resources.Role.Properties.Policies[0]` can say
 * `template.yaml:42:11`.
 *
 * YAML is parsed as 1.1, like CloudFormation and cfn-lint do (`yes` is a boolean), and the
 * short forms `!Ref`, `!Sub`, `!GetAtt`, `!If`… are turned into their long forms (`Ref`,
 * `Fn::Sub`, `Fn::GetAtt`, `Fn::If`), so the rules see one shape whichever the author wrote.
 * JSON is valid YAML, so the same parser serves both and also reports duplicate keys, which
 * `JSON.parse` would silently merge (the second `StringEquals` replacing the first).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type ScalarTag, type CollectionTag } from 'yaml';
import type { JsonPath, JsonValue } from './types';

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

const pathKey = (path: JsonPath): string => path.join('\u0000');

/** Parses `text` (YAML or JSON) into a {@link TemplateSource}. Never throws on bad input. */
export function parseTemplateSource(file: string, text: string): TemplateSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', customTags: CUSTOM_TAGS, lineCounter, prettyErrors: false });
  const positions = new Map<string, Position>();
  const at = (offset: number | undefined): Position => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };

  const convert = (node: unknown, path: (string | number)[], keyOffset: number | undefined): JsonValue => {
    const resolved = isAlias(node) ? node.resolve(doc) : node;
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
        parts.forEach((_, i) => positions.set(pathKey([...innerPath, i]), position));
        value = parts;
      }
    } else if (isMap(n)) {
      const obj: { [key: string]: JsonValue } = {};
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        obj[key] = convert(pair.value, [...innerPath, key], keyNode?.range?.[0]);
      }
      value = obj;
    } else if (isSeq(n)) {
      value = n.items.map((item, i) => convert(item, [...innerPath, i], undefined));
    } else {
      value = null;
    }
    return longForm === undefined ? value : { [longForm]: value };
  };

  const parseErrors = doc.errors.map((e) => ({
    position: at(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  const data = parseErrors.length > 0 && doc.contents === null ? null : convert(doc.contents, [], undefined);

  return {
    file,
    text,
    bytes: Buffer.byteLength(text),
    data,
    parseErrors,
    locate(path: JsonPath): Position {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p !== undefined) return p;
      }
      return { line: 1, col: 1 };
    },
  };
}
