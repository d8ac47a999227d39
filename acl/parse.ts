/** Parsing a policy file (HuJSON: JSON with comments and trailing commas) into a value plus positions. */
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from "jsonc-parser";
import type { PolicyFinding } from "./findings";
import { compareLocations, LineIndex, type SourceLocation } from "./location";
import { syntaxMessage } from "./syntaxMessages";
import { NodeLocator, nodeToValue } from "./tree";

export interface ParsedPolicy {
    file: string;
    text: string;
    /** The parsed value (comments/trailing commas allowed); undefined when there are syntax errors. */
    value: unknown;
    /** Syntax problems, each with check "syntax" and a location; empty when the file parses to an object. */
    errors: PolicyFinding[];
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
    at: (offset: number) => SourceLocation,
): PolicyFinding[] {
    const errors: PolicyFinding[] = [];
    const syntax = (message: string, offset: number) => errors.push({ check: "syntax", message, location: at(offset) });

    if (failure !== undefined && failure !== "too-deep") {
        syntax(`the HuJSON parser could not read this file (${failure}); check the file is valid HuJSON`, 0);
        return errors;
    }
    if (failure === "too-deep") {
        const deepest = deepestOpening(text);
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

/** Parses HuJSON policy text. Never throws: every problem is reported in `errors`. */
export function parsePolicy(text: string, file: string = DEFAULT_FILE): ParsedPolicy {
    const lines = new LineIndex(file, text);
    const at = (offset: number) => lines.locationOf(offset);
    const { root, parseErrors, failure } = runParser(text);
    const errors = collectErrors(text, root, parseErrors, failure, at);
    const value = errors.length === 0 && root !== undefined ? nodeToValue(root) : undefined;
    const locator = new NodeLocator(root);
    return {
        file,
        text,
        value,
        errors,
        locate(path) {
            const node = locator.find(path);
            return node === undefined ? undefined : at(node.offset);
        },
    };
}
