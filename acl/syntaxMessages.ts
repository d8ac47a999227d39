/** Human wording for jsonc-parser's parse errors: what was expected, what was found, how to fix it. */
import { printParseErrorCode, type ParseError } from "jsonc-parser";

type Wording = { problem: (found: string) => string; fix: string };

const WORDING: Readonly<Record<string, Wording>> = {
    InvalidSymbol: { problem: (f) => `unexpected ${f}`, fix: "remove it, or quote it if it is meant to be a string" },
    InvalidNumberFormat: { problem: (f) => `invalid number ${f}`, fix: "write numbers in plain JSON decimal form" },
    PropertyNameExpected: {
        problem: (f) => `expected a property name in double quotes but found ${f}`,
        fix: 'write the key as "name"',
    },
    ValueExpected: {
        problem: (f) => `expected a value but found ${f}`,
        fix: "write a string, number, object, array, true, false or null here",
    },
    ColonExpected: {
        problem: (f) => `expected a colon after the property name but found ${f}`,
        fix: 'separate each key from its value with ":"',
    },
    CommaExpected: {
        problem: (f) => `expected a comma before ${f}`,
        fix: "separate list items and object properties with commas",
    },
    CloseBraceExpected: {
        problem: (f) => `expected "}" to close the object but found ${f}`,
        fix: 'add the missing "}" or the missing comma',
    },
    CloseBracketExpected: {
        problem: (f) => `expected "]" to close the list but found ${f}`,
        fix: 'add the missing "]" or the missing comma',
    },
    EndOfFileExpected: {
        problem: (f) => `expected the end of the file after the top-level object but found ${f}`,
        fix: "move the extra content inside the object or delete it",
    },
    InvalidCommentToken: { problem: (f) => `invalid comment ${f}`, fix: "use // line comments or /* block comments */" },
    UnexpectedEndOfComment: { problem: (f) => `block comment ${f} is never closed`, fix: 'end it with "*/"' },
    UnexpectedEndOfString: { problem: (f) => `string ${f} is never closed`, fix: "end it with a double quote" },
    UnexpectedEndOfNumber: { problem: (f) => `number ${f} is incomplete`, fix: "finish the number or remove it" },
    InvalidUnicode: { problem: (f) => `invalid unicode escape in ${f}`, fix: 'write "\\u" followed by four hex digits' },
    InvalidEscapeCharacter: {
        problem: (f) => `invalid escape sequence in ${f}`,
        fix: 'escape a literal backslash as "\\\\"',
    },
    InvalidCharacter: {
        problem: (f) => `control character inside the string ${f}`,
        fix: 'escape it (for example "\\n" or "\\t") or remove it',
    },
};

const SNIPPET_MAX = 24;

/** The offending text, quoted so control characters are visible, or "the end of the file". */
export function describeFound(text: string, offset: number, length: number): string {
    if (offset >= text.length) return "the end of the file";
    const span = text.slice(offset, offset + Math.max(1, length));
    const shown = span.length > SNIPPET_MAX ? `${span.slice(0, SNIPPET_MAX)}...` : span;
    return JSON.stringify(shown);
}

/** One-sentence message for a parse error (no position: the caller attaches a location). */
export function syntaxMessage(text: string, error: ParseError): string {
    if (text.charCodeAt(error.offset) === 0xfeff) {
        // An invisible character: name it rather than quote it.
        return "the file starts with a byte order mark (U+FEFF), which HuJSON does not allow; save the file as UTF-8 without BOM";
    }
    const wording = WORDING[printParseErrorCode(error.error)];
    const found = describeFound(text, error.offset, error.length);
    if (wording === undefined) return `syntax error at ${found}; fix the HuJSON syntax here`;
    return `${wording.problem(found)}; ${wording.fix}`;
}
