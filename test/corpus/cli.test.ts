/**
 * Bad project files and bad policy config through the compiled CLI (`tailnet-guard preview`): exit 2,
 * one line naming the file (with line:col for YAML) and the problem, no stack trace. The project
 * reader is also hammered in-process (readProject), which costs no child process per case.
 * The CLI runs are few and run in parallel: each costs seconds.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readProject, ProjectError } from "../../cli/projectConfig";
import { fixture, runCli, type CliRun } from "../support/cli";
import { itUnlessKnownBug } from "./knownBugs";

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tailnet-guard-corpus-"));
after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

/** A project directory holding the given files. */
function project(label: string, files: Record<string, string>): string {
    const dir = path.join(tempDir, label);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

function file(name: string, text: string): string {
    const target = path.join(tempDir, name);
    fs.writeFileSync(target, text);
    return target;
}

function assertUsageError(run: CliRun, mentions: string[]): void {
    assert.equal(run.code, 2, `exit ${run.code}; stderr: ${run.stderr}`);
    assert.equal(run.stdout, "", "nothing on stdout for a usage error");
    assert.doesNotMatch(run.stderr, /\n\s+at /, "a stack trace on stderr");
    assert.match(run.stderr, /^tailnet-guard: /);
    for (const fragment of mentions) assert.ok(run.stderr.includes(fragment), `${JSON.stringify(run.stderr)} does not mention ${fragment}`);
}

describe("bad-input corpus: CLI preview with bad project files and bad --config", function () {
    this.timeout(120_000);

    const runs: Record<string, CliRun> = {};
    const dirs = {
        badYaml: project("bad-yaml", { "Pulumi.yaml": "name: [unclosed\nruntime: nodejs\n" }),
        emptyProject: project("empty-project", { "Pulumi.yaml": "" }),
        badStack: project("bad-stack", { "Pulumi.yaml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yaml": 'config:\n  p:key: "unterminated\n' }),
    };
    const configs = {
        truncated: file("truncated.json", '{"all": '),
        wrongType: file("wrong-type.json", '{"tailnet-key-expiry": {"enforcementLevel": "mandatory", "maxDays": "ninety"}}'),
        missing: path.join(tempDir, "no-such-config.json"),
    };
    const policies = {
        truncated: path.join(__dirname, "policies", "truncated-mid-rule.hujson"),
        garbage: file("garbage.hujson", Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString("latin1")),
    };

    before(async () => {
        const insecure = fixture("insecure-program");
        const entries: Array<[string, string[]]> = [
            ["badYaml", ["preview", dirs.badYaml]],
            ["emptyProject", ["preview", dirs.emptyProject]],
            ["badStack", ["preview", dirs.badStack]],
            ["truncatedConfig", ["preview", insecure, "--config", configs.truncated]],
            ["missingConfig", ["preview", insecure, "--config", configs.missing]],
            ["wrongTypeConfig", ["preview", insecure, "--config", configs.wrongType]],
            ["badFormat", ["preview", insecure, "--format", "xml"]],
            ["matrixTruncated", ["matrix", policies.truncated]],
            ["matrixGarbage", ["matrix", policies.garbage]],
        ];
        const results = await Promise.all(entries.map(([, args]) => runCli(args)));
        entries.forEach(([label], i) => (runs[label] = results[i]));
    });

    it("Pulumi.yaml that is not YAML: exit 2 with file:line:col", () => assertUsageError(runs.badYaml, [`${path.join(dirs.badYaml, "Pulumi.yaml")}:2:1`, "not valid YAML"]));
    it("an empty Pulumi.yaml: exit 2 asking for a mapping", () => assertUsageError(runs.emptyProject, ["Pulumi.yaml", "expected a YAML mapping"]));
    it("a stack file that is not YAML: exit 2 with file:line:col", () => assertUsageError(runs.badStack, [`${path.join(dirs.badStack, "Pulumi.dev.yaml")}:3:1`, "not valid YAML"]));
    it("--config that is not JSON: exit 2 naming the file", () => assertUsageError(runs.truncatedConfig, [configs.truncated, "not valid JSON"]));
    it("--config that does not exist: exit 2 naming the file", () => assertUsageError(runs.missingConfig, [configs.missing, "cannot read policy config"]));
    it("--config with a wrong-typed setting: exit 2 naming rule, setting, value and type", () =>
        assertUsageError(runs.wrongTypeConfig, [configs.wrongType, 'tailnet-key-expiry.maxDays is "ninety" (string): expected an integer']));
    it("an unknown --format: exit 2 listing the choices", () => {
        assert.equal(runs.badFormat.code, 2);
        assert.doesNotMatch(runs.badFormat.stderr, /\n\s+at /);
        assert.match(runs.badFormat.stderr, /xml/);
        assert.match(runs.badFormat.stderr, /text/);
    });

    it("matrix of a truncated policy file: exit 2 listing each syntax error at file:line:col", () =>
        assertUsageError(runs.matrixTruncated, ["is not a valid policy file", `${policies.truncated}:6:1: expected "}"`]));
    it("matrix of binary garbage: exit 2 listing syntax errors at file:line:col", () =>
        assertUsageError(runs.matrixGarbage, ["is not a valid policy file", `${policies.garbage}:1:1: unexpected`]));

    describe("readProject in-process", () => {
        const cases: Array<{ what: string; files: Record<string, string>; mentions: string[]; bug?: string }> = [
            { what: "no Pulumi.yaml", files: { "README.md": "x" }, mentions: ["no Pulumi.yaml"] },
            { what: "Pulumi.yaml a list", files: { "Pulumi.yaml": "- name: p\n" }, mentions: ["Pulumi.yaml", "YAML mapping"] },
            { what: "Pulumi.yaml a scalar", files: { "Pulumi.yaml": "just text\n" }, mentions: ["Pulumi.yaml", "YAML mapping"] },
            { what: "Pulumi.yaml with a tab indent", files: { "Pulumi.yaml": "name: p\nconfig:\n\tkey: 1\n" }, mentions: ["Pulumi.yaml:3:", "not valid YAML"] },
            { what: "Pulumi.yaml with NUL bytes", files: { "Pulumi.yaml": "name: p\u0000\n" }, mentions: ["Pulumi.yaml", "not valid YAML"] },
            { what: "name a number", files: { "Pulumi.yaml": "name: 5\n" }, mentions: ['"name" must be a non-empty string'] },
            { what: "name empty", files: { "Pulumi.yaml": 'name: ""\n' }, mentions: ['"name" must be a non-empty string'] },
            { what: "config a list", files: { "Pulumi.yaml": "name: p\nconfig: [a, b]\n" }, mentions: ['"config" must be a mapping'] },
            { what: "config a string", files: { "Pulumi.yaml": "name: p\nconfig: text\n" }, mentions: ['"config" must be a mapping'] },
            { what: "stack file a list", files: { "Pulumi.yaml": "name: p\n", "Pulumi.dev.yaml": "- a\n" }, mentions: ["Pulumi.dev.yaml", "YAML mapping"] },
            { what: "stack file with a duplicate key", files: { "Pulumi.yaml": "name: p\n", "Pulumi.dev.yaml": "config:\n  p:a: 1\n  p:a: 2\n" }, mentions: ["Pulumi.dev.yaml:3:", "not valid YAML"] },
            {
                what: "stack file config a string",
                files: { "Pulumi.yaml": "name: p\n", "Pulumi.dev.yaml": "config: just a string\n" },
                mentions: ["Pulumi.dev.yaml", '"config" must be a mapping'],
            },
            {
                what: "stack file config a list",
                files: { "Pulumi.yaml": "name: p\n", "Pulumi.dev.yaml": "config: [a, b]\n" },
                mentions: ["Pulumi.dev.yaml", '"config" must be a mapping'],
            },
        ];
        cases.forEach((c, i) => {
            itUnlessKnownBug(c.bug)(`${c.what}: ProjectError naming the problem`, () => {
                const dir = project(`project-${i}`, c.files);
                assert.throws(
                    () => readProject(dir),
                    (error: unknown) => {
                        assert.ok(error instanceof ProjectError, `expected a ProjectError, got ${String(error)}`);
                        for (const fragment of c.mentions) assert.ok(error.message.includes(fragment), `${JSON.stringify(error.message)} does not mention ${fragment}`);
                        return true;
                    },
                );
            });
        });
    });
});
