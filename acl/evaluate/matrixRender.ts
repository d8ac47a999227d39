/**
 * Renderers of an access matrix: aligned plain text, Markdown, a self-contained HTML page (inline
 * style, no external assets) and a Graphviz dot graph (one edge per non-empty cell).
 */
import { formatCell, formatNetwork, formatSsh, type AccessMatrix } from "./matrix";

function header(matrix: AccessMatrix): string[] {
    return ["source \\ destination", ...matrix.destinations.map((d) => d.name)];
}

function rows(matrix: AccessMatrix): string[][] {
    return matrix.sources.map((source, i) => [source.name, ...matrix.cells[i].map(formatCell)]);
}

/** Columns padded to their widest cell, separated by " | ". */
export function renderMatrixText(matrix: AccessMatrix): string {
    const table = [header(matrix), ...rows(matrix)];
    const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
    const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join(" | ").trimEnd();
    const rule = widths.map((width) => "-".repeat(width)).join("-+-");
    return [line(table[0]), rule, ...table.slice(1).map(line)].join("\n") + "\n";
}

function escapeMarkdown(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** A GitHub-flavoured Markdown table. */
export function renderMatrixMarkdown(matrix: AccessMatrix): string {
    const line = (row: string[]) => `| ${row.map(escapeMarkdown).join(" | ")} |`;
    const head = header(matrix);
    return [line(head), `|${head.map(() => " --- ").join("|")}|`, ...rows(matrix).map(line)].join("\n") + "\n";
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = [
    "body{font-family:system-ui,sans-serif;margin:1.5rem}",
    "table{border-collapse:collapse}",
    "th,td{border:1px solid #bbb;padding:.3rem .5rem;font-size:.85rem;vertical-align:top}",
    "th{background:#f0f0f0;text-align:left}",
    "td.none{color:#999;text-align:center}",
    "td.open{background:#fde2e1}",
    "td.some{background:#e3f1e3}",
    ".ssh{display:block;color:#555}",
].join("");

/** A complete HTML page with the matrix as a table; everything inline, nothing fetched. */
export function renderMatrixHtml(matrix: AccessMatrix, title: string = "Tailnet access matrix"): string {
    const head = `<tr><th>source \\ destination</th>${matrix.destinations
        .map((d) => `<th title="${escapeHtml(d.kind)}">${escapeHtml(d.name)}</th>`)
        .join("")}</tr>`;
    const body = matrix.sources
        .map((source, i) => {
            const cells = matrix.cells[i]
                .map((cell) => {
                    const network = formatNetwork(cell.network);
                    const ssh = formatSsh(cell.ssh);
                    if (network === "" && ssh === "") return '<td class="none">-</td>';
                    const css = network === "*" ? "open" : "some";
                    const sshPart = ssh === "" ? "" : `<span class="ssh">${escapeHtml(ssh)}</span>`;
                    return `<td class="${css}">${escapeHtml(network)}${sshPart}</td>`;
                })
                .join("");
            return `<tr><th title="${escapeHtml(source.kind)}">${escapeHtml(source.name)}</th>${cells}</tr>`;
        })
        .join("\n");
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        `<title>${escapeHtml(title)}</title>`,
        `<style>${STYLE}</style></head><body>`,
        `<h1>${escapeHtml(title)}</h1>`,
        `<table>\n${head}\n${body}\n</table>`,
        "</body></html>",
        "",
    ].join("\n");
}

function dotId(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A Graphviz digraph: sources as boxes, destinations as ellipses, an edge per allowed cell. */
export function renderMatrixDot(matrix: AccessMatrix): string {
    const lines = ["digraph access {", "  rankdir=LR;"];
    for (const source of matrix.sources) lines.push(`  ${dotId(`src ${source.name}`)} [label=${dotId(source.name)}, shape=box];`);
    for (const destination of matrix.destinations) {
        lines.push(`  ${dotId(`dst ${destination.name}`)} [label=${dotId(destination.name)}, shape=ellipse];`);
    }
    matrix.sources.forEach((source, i) => {
        matrix.cells[i].forEach((cell, j) => {
            const label = formatCell(cell);
            if (label === "-") return;
            lines.push(`  ${dotId(`src ${source.name}`)} -> ${dotId(`dst ${matrix.destinations[j].name}`)} [label=${dotId(label)}];`);
        });
    });
    lines.push("}");
    return lines.join("\n") + "\n";
}
