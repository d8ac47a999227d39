/**
 * `tailnet-guard matrix <file>`: who can reach what, computed by the same evaluator that runs the
 * file's own tests, so the picture cannot disagree with them.
 */
import * as path from "path";
import { accessMatrix, createEvaluator, renderMatrixDot, renderMatrixHtml, renderMatrixMarkdown, renderMatrixText } from "../acl/evaluate";
import { parsePolicyOrThrow, readPolicyFile } from "./policyInput";

export type MatrixFormat = "text" | "markdown" | "html" | "dot";
export const MATRIX_FORMATS: readonly MatrixFormat[] = ["text", "markdown", "html", "dot"];

export function renderPolicyMatrix(text: string, file: string, format: MatrixFormat): string {
    const parsed = parsePolicyOrThrow(text, file);
    const matrix = accessMatrix(createEvaluator(parsed));
    switch (format) {
        case "markdown":
            return renderMatrixMarkdown(matrix);
        case "html":
            return renderMatrixHtml(matrix, `Tailnet access: ${path.basename(file)}`);
        case "dot":
            return renderMatrixDot(matrix);
        case "text":
            return renderMatrixText(matrix);
    }
}

export function matrixOfFile(file: string, format: MatrixFormat): string {
    return renderPolicyMatrix(readPolicyFile(file), file, format);
}
