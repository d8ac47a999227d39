#!/usr/bin/env node
/**
 * tailnet-guard command line. Exit codes: 0 clean, 1 mandatory violations, 2 usage, parse or program errors.
 */
import { Command, CommanderError, Option } from "commander";
import { formatPreviewJson, formatPreviewMarkdown, formatPreviewText, OUTPUT_FORMATS, type OutputFormat } from "./format";
import { POLICIES_FORMATS, renderPolicies, type PoliciesFormat } from "./policiesCommand";
import { PackageLayoutError, packageVersion } from "./packageRoot";
import { PackConfigError, readPackConfigFile } from "./packConfig";
import { PolicyPackStartError } from "./policyPackHost";
import { auditPolicyFile } from "./audit";
import { AUDIT_FORMATS, formatAuditJson, formatAuditSarif, formatAuditText, type AuditFormat } from "./auditFormat";
import { MATRIX_FORMATS, matrixOfFile, type MatrixFormat } from "./matrix";
import { PolicyInputError } from "./policyInput";
import { ProgramError, runPreview } from "./preview";
import { ProjectError } from "./projectConfig";
import { countMandatory } from "./verdict";

export const EXIT_CLEAN = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

/** Errors the user can fix from the message alone: printed without a stack trace, exit 2. */
function isReportedError(error: unknown): error is Error {
    return (
        error instanceof ProgramError ||
        error instanceof ProjectError ||
        error instanceof PackConfigError ||
        error instanceof PolicyPackStartError ||
        error instanceof PolicyInputError ||
        error instanceof PackageLayoutError
    );
}

export function buildProgram(out: (text: string) => void, setExit: (code: number) => void): Command {
    const program = new Command("tailnet-guard");
    program
        .description("Secure-by-default Tailscale tailnets with Pulumi: preview programs against the tailnet-guard policy pack, audit policy files, show who can reach what.")
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: (text) => process.stderr.write(text) });

    program
        .command("preview")
        .description("Run a Pulumi program offline with mocks and check every resource against the policy pack (no credentials, no Pulumi CLI).")
        .argument("[dir]", "directory of the Pulumi program (holding Pulumi.yaml)", ".")
        .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS as string[]).default("text"))
        .option("--config <file>", "policy pack config, as for `pulumi preview --policy-pack-config`")
        .option("--stack <name>", "stack whose Pulumi.<stack>.yaml config to read, if present", "dev")
        .option("--policy-pack <dir>", "policy pack directory (holding PulumiPolicy.yaml); default: tailnet-guard's own pack")
        .action(async (dir: string, opts: { format: OutputFormat; config?: string; stack: string; policyPack?: string }) => {
            const packConfig = opts.config === undefined ? undefined : readPackConfigFile(opts.config);
            const result = await runPreview({ dir, stack: opts.stack, packDir: opts.policyPack, packConfig, packConfigSource: opts.config });
            const render = { json: formatPreviewJson, markdown: formatPreviewMarkdown, text: formatPreviewText }[opts.format];
            out(render(result));
            setExit(countMandatory(result) > 0 ? EXIT_VIOLATIONS : EXIT_CLEAN);
        });

    program
        .command("audit")
        .description("Check a tailnet policy file with the pack's policy-file rules and run its own tests and sshTests offline.")
        .argument("<file>", "the tailnet policy file (HuJSON)")
        .addOption(new Option("--format <format>", "output format").choices(AUDIT_FORMATS as string[]).default("text"))
        .option("--config <file>", "policy pack config (levels and thresholds), as for `pulumi preview --policy-pack-config`")
        .action((file: string, opts: { format: AuditFormat; config?: string }) => {
            const packConfig = opts.config === undefined ? undefined : readPackConfigFile(opts.config);
            const result = auditPolicyFile(file, packConfig, opts.config);
            if (opts.format === "json") out(formatAuditJson(result));
            else if (opts.format === "sarif") out(formatAuditSarif(result, packageVersion()));
            else out(formatAuditText(result));
            setExit(countMandatory(result) > 0 ? EXIT_VIOLATIONS : EXIT_CLEAN);
        });

    program
        .command("policies")
        .description("List every rule of the policy pack: responsibility, level, severity, resource types, settings and defaults.")
        .addOption(new Option("--format <format>", "output format").choices(POLICIES_FORMATS as string[]).default("text"))
        .action((opts: { format: PoliciesFormat }) => {
            out(renderPolicies(opts.format));
            setExit(EXIT_CLEAN);
        });

    program
        .command("matrix")
        .description("Show who can reach what under a policy file: sources (users, groups, tags) by destinations, with ports and SSH actions.")
        .argument("<file>", "the tailnet policy file (HuJSON)")
        .addOption(new Option("--format <format>", "output format").choices(MATRIX_FORMATS as string[]).default("text"))
        .action((file: string, opts: { format: MatrixFormat }) => {
            const rendered = matrixOfFile(file, opts.format);
            out(rendered.endsWith("\n") ? rendered : `${rendered}\n`);
            setExit(EXIT_CLEAN);
        });

    return program;
}

export async function main(argv: string[]): Promise<number> {
    let exitCode = EXIT_CLEAN;
    const program = buildProgram(
        (text) => process.stdout.write(text),
        (code) => (exitCode = code),
    );
    try {
        await program.parseAsync(argv, { from: "user" });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version are successful exits; anything else is a usage error.
            return error.exitCode === 0 ? EXIT_CLEAN : EXIT_USAGE;
        }
        if (isReportedError(error)) {
            process.stderr.write(`tailnet-guard: ${error.message}\n`);
            return EXIT_USAGE;
        }
        process.stderr.write(`tailnet-guard: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
        return EXIT_USAGE;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
