/**
 * Source positions: turning a character offset into a 1-based line and column.
 *
 * Columns count UTF-16 code units (what JavaScript strings index and what most editors report),
 * so a tab or an astral character's surrogate half each count as one column.
 */

/** 1-based line and column. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

/** "file:line:col", the form editors and terminals turn into links. */
export function formatLocation(loc: SourceLocation): string {
    return `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * Offsets of every line start in a text, computed once so each lookup is a binary search.
 * "\n", "\r\n" and a lone "\r" all end a line.
 */
export class LineIndex {
    /** Offset where each line starts (line 1 at 0); `count` of them. */
    private readonly starts: Int32Array;
    private readonly count: number;

    constructor(private readonly file: string, text: string) {
        // Typed, and sized by counting first: a policy of 200,000 lines would otherwise grow an array of boxed numbers.
        const lineFeeds = countOf(text, "\n");
        const hasReturns = text.includes("\r");
        const starts = new Int32Array(1 + lineFeeds + (hasReturns ? countOf(text, "\r") : 0));
        let count = 1;
        if (!hasReturns) {
            // Only "\n" ends lines: let indexOf find them.
            for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts[count++] = at + 1;
        } else {
            for (let i = 0; i < text.length; i++) {
                const ch = text.charCodeAt(i);
                if (ch === 10 /* \n */) {
                    starts[count++] = i + 1;
                } else if (ch === 13 /* \r */) {
                    if (text.charCodeAt(i + 1) === 10) i++;
                    starts[count++] = i + 1;
                }
            }
        }
        this.starts = starts;
        this.count = count;
    }

    /** Location of a 0-based offset; offsets outside the text are clamped to it. */
    locationOf(offset: number): SourceLocation {
        const starts = this.starts;
        const target = Math.max(0, offset);
        // Find the last line start that is <= target.
        let lo = 0;
        let hi = this.count - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= target) lo = mid;
            else hi = mid - 1;
        }
        return { file: this.file, line: lo + 1, column: target - starts[lo] + 1 };
    }
}

/** How many times `character` occurs in `text`. */
function countOf(text: string, character: string): number {
    let count = 0;
    for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) count++;
    return count;
}

/** Orders locations by line then column; a missing location sorts last. */
export function compareLocations(a: SourceLocation | undefined, b: SourceLocation | undefined): number {
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
    return a.line - b.line || a.column - b.column;
}
