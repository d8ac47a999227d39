/** Parsing a policy file (HuJSON: JSON with comments and trailing commas) into a value plus positions. */
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from "jsonc-parser";
import type { PolicyFinding } from "./findings";
import { compareLocations, LineIndex, type SourceLocation } from "./location";
import { syntaxMessage } from "./syntaxMessages";
import { scanTape, tapeFromTree, tapeValue, TAPE_MAX_NESTING, type PolicyTape } from "./tape";
import { NodeLocator, nodeToValue } from "./tree";

export interface ParsedPolicy {
    file: string;
    text: string;
    /**
     * The parsed value (comments/trailing commas allowed); undefined when there are syntax errors.
     * Built when first read: the analysis reads the tape instead.
     */
    readonly value: unknown;
    /** Syntax problems, each with check "syntax" and a location; empty when the file parses to an object. */
    errors: PolicyFinding[];
    /** The policy as a token tape (acl/tape.ts); undefined when there are errors (then the top level is not an object, or absent). */
    readonly tape: PolicyTape | undefined;
    /** Position of the node at a JSON path, e.g. ["acls", 0, "dst", 1]; undefined if absent. */
    locate(path: ReadonlyArray<string | number>): SourceLocation | undefined;
}

const DEFAULT_FILE = "<policy>";

interface ParserOutput {
    root: Node | undefined;
    parseErrors: ParseError[];
    /** Set when the parser itself failed: "too-deep" for a stack overflow (absurd nesting), else the error text. */
    failure?: string;
}

/**
 * Objects and lists nested deeper than this are reported as too deep to analyse (real policies nest
 * a handful of levels; Go's encoding/json refuses more than 10,000).
 */
export const MAX_NESTING = TAPE_MAX_NESTING;

/** Runs jsonc-parser (recursive), catching its failure so parsePolicy never throws. */
function runParser(text: string): ParserOutput {
    const parseErrors: ParseError[] = [];
    try {
        const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
        return { root, parseErrors };
    } catch (error) {
        const failure = error instanceof RangeError ? "too-deep" : String(error);
        return { root: undefined, parseErrors: [], failure };
    }
}

/** Offset of the opening bracket that reaches the greatest nesting depth, and that depth. */
function deepestOpening(text: string): { offset: number; depth: number } {
    const scanner = createScanner(text, true);
    let depth = 0;
    let best = { offset: 0, depth: 0 };
    while (scanner.scan() !== SyntaxKind.EOF) {
        const first = text[scanner.getTokenOffset()];
        if (first === "{" || first === "[") {
            depth++;
            if (depth > best.depth) best = { offset: scanner.getTokenOffset(), depth };
        } else if (first === "}" || first === "]") {
            depth = Math.max(0, depth - 1);
        }
    }
    return best;
}

function isOnlyMissingValueAtEnd(text: string, errors: ParseError[]): boolean {
    return (
        errors.length === 1 &&
        printParseErrorCode(errors[0].error) === "ValueExpected" &&
        errors[0].offset >= text.length
    );
}

function collectErrors(
    text: string,
    root: Node | undefined,
    parseErrors: ParseError[],
    failure: string | undefined,
    deepest: { offset: number; depth: number },
    at: (offset: number) => SourceLocation,
): PolicyFinding[] {
    const errors: PolicyFinding[] = [];
    const syntax = (message: string, offset: number) => errors.push({ check: "syntax", message, location: at(offset) });

    if (failure !== undefined && failure !== "too-deep") {
        syntax(`the HuJSON parser could not read this file (${failure}); check the file is valid HuJSON`, 0);
        return errors;
    }
    if (failure === "too-deep") {
        syntax(
            `objects and lists are nested ${deepest.depth} levels deep, too deep to analyse; ` +
                "a Tailscale policy needs only a few levels, so remove the extra nesting",
            deepest.offset,
        );
        return errors;
    }
    if (root === undefined && isOnlyMissingValueAtEnd(text, parseErrors)) {
        syntax('the policy file is empty; it must be a JSON object such as {"acls": []}', parseErrors[0].offset);
        return errors;
    }
    for (const error of parseErrors) syntax(syntaxMessage(text, error), error.offset);
    if (root !== undefined && root.type !== "object") {
        const kind = root.type === "array" ? "a list" : `a ${root.type}`;
        syntax(
            `the policy file must be a JSON object, but its top level is ${kind}; put the policy sections inside { }`,
            root.offset,
        );
    }
    errors.sort((a, b) => compareLocations(a.location, b.location));
    return errors;
}

/**
 * Parses HuJSON policy text with jsonc-parser's full syntax tree: the reference behaviour, and the
 * path taken for any text the fast path does not handle (syntax errors, a top level that is not an
 * object, deep nesting). Never throws.
 */
export function parsePolicyWithTree(text: string, file: string = DEFAULT_FILE): ParsedPolicy {
    const lines = new LineIndex(file, text);
    const at = (offset: number) => lines.locationOf(offset);
    // Too deep is decided by counting, before the (recursive) parser runs: where its stack would
    // overflow depends on the engine's state, and the answer must not.
    const deepest = deepestOpening(text);
    const { root, parseErrors, failure } = deepest.depth > MAX_NESTING ? { root: undefined, parseErrors: [], failure: "too-deep" } : runParser(text);
    const errors = collectErrors(text, root, parseErrors, failure, deepest, at);
    const value = errors.length === 0 && root !== undefined ? nodeToValue(root) : undefined;
    const tape = errors.length === 0 && root !== undefined ? tapeFromTree(text, root) : undefined;
    const locator = new NodeLocator(root);
    return {
        file,
        text,
        value,
        errors,
        tape,
        locate(path) {
            const node = locator.find(path);
            return node === undefined ? undefined : at(node.offset);
        },
    };
}

/**
 * The text with its comments and trailing commas replaced by spaces (line breaks kept), so
 * JSON.parse reads it and every offset and line stays where it was; undefined when the text has an unclosed string or comment (the
 * full parser reports those). A comma is blanked only when a value precedes it and "]" or "}"
 * follows it (past spaces and comments), as jsonc-parser's allowTrailingComma accepts; comments
 * end where jsonc-parser ends them (a line comment at "\n" or "\r", a block comment at the first
 * "*\/"). Anything else that is not JSON is left for JSON.parse to reject.
 */
export function blankCommentsAndTrailingCommas(text: string): string | undefined {
    const length = text.length;
    /** [from, to) ranges to blank, in order: a trailing comma is inserted before the comments after it. */
    const ranges: number[] = [];
    const blank = (from: number, to: number) => {
        let at = ranges.length;
        while (at > 0 && ranges[at - 2] > from) at -= 2;
        ranges.splice(at, 0, from, to);
    };
    /** Code of the last character that was neither space nor comment; 0 before the first. */
    let previous = 0;
    let trailingComma = -1;
    for (let i = 0; i < length; i++) {
        const code = text.charCodeAt(i);
        switch (code) {
            case 32:
            case 9:
            case 10:
            case 13:
                continue;
            case 34 /* " */: {
                // Skip to the closing quote inline (strings are short; an indexOf call costs more), stepping over escapes.
                let c = text.charCodeAt(++i);
                for (; c !== 34 && i < length; c = text.charCodeAt(++i)) if (c === 92) i++;
                if (i >= length) return undefined;
                break;
            }
            case 47 /* / */: {
                const next = text.charCodeAt(i + 1);
                if (next === 47) {
                    let end = i + 2;
                    for (let c = text.charCodeAt(end); end < length && c !== 10 && c !== 13; c = text.charCodeAt(++end));
                    blank(i, end);
                    i = end - 1;
                    continue;
                }
                if (next === 42) {
                    const close = text.indexOf("*/", i + 2);
                    if (close < 0) return undefined;
                    blank(i, close + 2);
                    i = close + 1;
                    continue;
                }
                break;
            }
            case 125 /* } */:
            case 93 /* ] */:
                if (trailingComma >= 0) blank(trailingComma, trailingComma + 1);
                break;
            case 44 /* , */: {
                const afterValue = previous !== 0 && previous !== 44 && previous !== 58 && previous !== 91 && previous !== 123;
                previous = code;
                trailingComma = afterValue ? i : -1;
                continue;
            }
        }
        previous = code;
        trailingComma = -1;
    }
    if (ranges.length === 0) return text;
    const parts: string[] = [];
    let copied = 0;
    for (let r = 0; r < ranges.length; r += 2) {
        // Line breaks stay (JSON reads them as spaces), so lines can be counted on the blanked text.
        parts.push(text.slice(copied, ranges[r]), text.slice(ranges[r], ranges[r + 1]).replace(NOT_LINE_BREAK, " "));
        copied = ranges[r + 1];
    }
    parts.push(text.slice(copied));
    return parts.join("");
}

const NOT_LINE_BREAK = /[^\r\n]/g;

/** JSON.parse of `json`, or undefined when it is not JSON. */
function tryJsonParse(json: string): unknown {
    try {
        return JSON.parse(json);
    } catch {
        return undefined;
    }
}

/**
 * The plain value of text the tape scanner read: JSON.parse of the text, or of the text with its
 * comments and trailing commas blanked (the scanner accepts what JSON.parse then accepts).
 */
function valueOfScanned(text: string, tape: PolicyTape): unknown {
    const plain = tryJsonParse(text);
    if (plain !== undefined) return plain;
    const blanked = blankCommentsAndTrailingCommas(text);
    const value = blanked === undefined ? undefined : tryJsonParse(blanked);
    return value !== undefined ? value : tapeValue(tape);
}

/**
 * Parses HuJSON policy text. Never throws: every problem is reported in `errors`.
 *
 * A well-formed policy (the common case) is scanned into a token tape (acl/tape.ts), which the
 * analysis reads; the plain value is built only when a caller reads `value`, and line positions
 * only when a finding is located. Everything else takes parsePolicyWithTree. Both give the same
 * value, errors and locations (see test/acl/parseFastPath.test.ts).
 */
export function parsePolicy(text: string, file: string = DEFAULT_FILE): ParsedPolicy {
    const tape = scanTape(text);
    if (tape === undefined) return parsePolicyWithTree(text, file);
    let value: unknown;
    let lines: LineIndex | undefined;
    return {
        file,
        text,
        get value() {
            if (value === undefined) value = valueOfScanned(text, tape);
            return value;
        },
        errors: [],
        tape,
        locate(path) {
            const node = tape.find(path);
            if (node < 0) return undefined;
            lines ??= new LineIndex(file, text);
            return lines.locationOf(tape.offset(node));
        },
    };
}
