/**
 * PyYAML (and so cfn-lint) does not look at indentation inside a quoted scalar or a flow
 * collection: its scanner skips the leading white space of each continuation line
 * (`scan_flow_scalar_breaks`, and `unwind_indent` does nothing while `flow_level > 0`). The
 * `yaml` library follows the YAML 1.2 spec instead and ends the scalar or collection at a line
 * indented no deeper than its parent, so templates like these, which cfn-lint reads, would not
 * parse:
 *
 * ```yaml
 *     Properties:
 *       DisplayName: "first line
 *   second line"
 *       Tags: [
 *   {Key: a, Value: b}
 * ]
 * ```
 *
 * {@link indentFlowContinuations} indents such continuation lines past the column where the
 * quote or bracket opened. Leading white space there means nothing to either reader (a quoted
 * scalar folds it away, a flow collection skips it), so the value read is the same; only the
 * columns of those lines move, and `shift` says by how much so positions can be moved back.
 *
 * This is a scanner of the few things that matter here (quotes, brackets, comments, block
 * scalars), not a YAML parser: the decoder uses its output only when the text as written does
 * not parse, and only if the indented text then parses without any error.
 */

/** The text with continuation lines indented, and the spaces added per 0-based line. */
export interface IndentedText {
  text: string;
  /** Spaces added at the start of each changed line (0-based line number). */
  shift: ReadonlyMap<number, number>;
}

/** Where the scanner is at the start of a line. */
interface ScanState {
  /** Inside a quoted scalar: its quote character. */
  quote?: '"' | "'";
  /** Depth of `[`/`{` nesting (0 in block context). */
  flowLevel: number;
  /** Column of the quote or bracket that opened the outermost multi-line construct. */
  openedAt: number;
  /** Inside a block scalar (`|`, `>`): lines indented at least this much belong to it. */
  blockScalarIndent?: number;
}

const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*(?:\s+#.*)?\s*$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;

/**
 * Scans one line from `start`, updating `state`. Returns nothing: the state after the line is
 * what the next line needs.
 */
function scanLine(line: string, start: number, lineIndent: number, state: ScanState): void {
  let i = start;
  // A token may start here (after indentation, `- `, `? `, `: `, `[`, `{`, `,`, a tag or anchor).
  let tokenStart = true;
  while (i < line.length) {
    const c = line[i] as string;
    if (state.quote === "'") {
      if (c === "'") {
        if (line[i + 1] === "'") i += 2;
        else {
          state.quote = undefined;
          tokenStart = false;
          i += 1;
        }
      } else i += 1;
      continue;
    }
    if (state.quote === '"') {
      if (c === '\\') i += 2;
      else {
        if (c === '"') {
          state.quote = undefined;
          tokenStart = false;
        }
        i += 1;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      i += 1;
      continue;
    }
    if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t' || tokenStart)) return;
    if (tokenStart && (c === '"' || c === "'")) {
      if (state.flowLevel === 0) state.openedAt = i;
      state.quote = c;
      i += 1;
      continue;
    }
    if (c === '[' || c === '{') {
      if (state.flowLevel === 0) {
        if (!tokenStart) {
          i += 1;
          continue;
        }
        state.openedAt = i;
      }
      state.flowLevel += 1;
      tokenStart = true;
      i += 1;
      continue;
    }
    if (state.flowLevel > 0 && (c === ']' || c === '}')) {
      state.flowLevel -= 1;
      tokenStart = false;
      i += 1;
      continue;
    }
    if (state.flowLevel > 0 && c === ',') {
      tokenStart = true;
      i += 1;
      continue;
    }
    const next = line[i + 1];
    const spaceAfter = next === undefined || next === ' ' || next === '\t';
    if ((c === '-' || c === '?') && tokenStart && spaceAfter && state.flowLevel === 0) {
      i += 1;
      continue;
    }
    if (c === ':' && (spaceAfter || (state.flowLevel > 0 && (next === ',' || next === ']' || next === '}')))) {
      tokenStart = true;
      i += 1;
      continue;
    }
    if (tokenStart && (c === '!' || c === '&')) {
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i += 1;
      continue;
    }
    if (tokenStart && state.flowLevel === 0 && (c === '|' || c === '>') && BLOCK_SCALAR_HEADER.test(line.slice(i))) {
      state.blockScalarIndent = lineIndent + 1;
      return;
    }
    // A plain scalar (or an alias): runs to `: `, ` #`, or in flow context to an indicator.
    tokenStart = false;
    i += 1;
    while (i < line.length) {
      const d = line[i] as string;
      const after = line[i + 1];
      if (
        d === ':' &&
        (after === undefined ||
          after === ' ' ||
          after === '\t' ||
          (state.flowLevel > 0 && (after === ',' || after === ']' || after === '}')))
      )
        break;
      if (d === '#' && (line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if (state.flowLevel > 0 && (d === ',' || d === ']' || d === '}' || d === '[' || d === '{')) break;
      i += 1;
    }
  }
}

/**
 * The text with every continuation line of a multi-line quoted scalar or flow collection
 * indented past the column where it opened, or undefined when no line needed it.
 */
export function indentFlowContinuations(text: string): IndentedText | undefined {
  const lines = text.split('\n');
  const shift = new Map<number, number>();
  const state: ScanState = { flowLevel: 0, openedAt: 0 };
  lines.forEach((line, n) => {
    const indent = /^[ ]*/.exec(line)?.[0].length ?? 0;
    const blank = line.trim() === '';
    if (state.blockScalarIndent !== undefined) {
      if (blank || indent >= state.blockScalarIndent) return;
      state.blockScalarIndent = undefined;
    }
    const continuing = state.quote !== undefined || state.flowLevel > 0;
    if (continuing && !blank && !(indent === 0 && DOCUMENT_MARKER.test(line))) {
      const wanted = state.openedAt + 1;
      if (indent < wanted) {
        lines[n] = ' '.repeat(wanted - indent) + line;
        shift.set(n, wanted - indent);
      }
    }
    if (blank) return;
    scanLine(lines[n] as string, continuing ? 0 : indent, indent, state);
  });
  return shift.size === 0 ? undefined : { text: lines.join('\n'), shift };
}
