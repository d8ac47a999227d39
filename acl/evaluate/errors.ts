/** Errors of the evaluator's public API. */

/** A bad argument to a query or to the evaluator's options: names the field, the value and the fix. */
export class EvaluationArgumentError extends Error {
    constructor(readonly field: string, readonly value: unknown, fix: string) {
        super(`invalid ${field} ${JSON.stringify(value)}: ${fix}`);
        this.name = "EvaluationArgumentError";
    }
}
