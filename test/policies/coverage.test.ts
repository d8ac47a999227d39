import * as assert from "assert";
import { computeCoverage, renderCoverageJson, renderCoverageMarkdown, type CoverageInput } from "../../cli/coverage";
import { allRules } from "../../policies/rules";

const urn = (type: string, name: string) => `urn:pulumi:dev::demo::${type}::${name}`;
const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";
const KEY = "tailscale:index/tailnetKey:TailnetKey";

const preview: CoverageInput = {
    resources: [
        { urn: urn(SETTINGS, "s"), type: SETTINGS, name: "s" },
        { urn: urn(KEY, "k"), type: KEY, name: "k" },
    ],
    violations: [
        { policy: "tailnet-device-approval", enforcementLevel: "mandatory", responsibility: "R2", urn: urn(SETTINGS, "s"), message: "devicesApprovalOn is false" },
        { policy: "auth-key-expiry", enforcementLevel: "advisory", responsibility: "R2", urn: urn(KEY, "k"), message: "cannot verify expiry of k until apply" },
    ],
};

describe("shared responsibility coverage", () => {
    const report = computeCoverage(preview);
    const control = (name: string) => report.responsibilities.flatMap((r) => r.controls).find((c) => c.policy === name)!;

    it("places every rule under its responsibility, R1 to R6 in order", () => {
        assert.deepStrictEqual(report.responsibilities.map((r) => r.id), ["R1", "R2", "R3", "R4", "R5", "R6"]);
        assert.strictEqual(report.responsibilities.reduce((n, r) => n + r.controls.length, 0), allRules.length);
    });

    it("tells violated, advisory, passing and not-configured controls apart", () => {
        assert.deepStrictEqual(
            [control("tailnet-device-approval"), control("auth-key-expiry"), control("tailnet-auto-updates"), control("webhook-https")].map((c) => [c.status, c.checkedResources]),
            [["violated", 1], ["warning", 1], ["passing", 1], ["not-configured", 0]],
        );
        assert.strictEqual(control("tags-owned-in-policy").status, "passing", "stack rules apply when the stack has Tailscale resources");
    });

    it("gives a responsibility the worst status of its controls", () => {
        const byId = new Map(report.responsibilities.map((r) => [r.id, r.status]));
        assert.strictEqual(byId.get("R2"), "violated");
        assert.strictEqual(byId.get("R3"), "passing");
        const empty = computeCoverage({ resources: [], violations: [] });
        assert.ok(empty.responsibilities.every((r) => r.status === "not-configured"));
    });

    it("counts the summary over all controls", () => {
        const { summary } = report;
        assert.strictEqual(summary.violated, 1);
        assert.strictEqual(summary.warning, 1);
        assert.strictEqual(summary.passing + summary.violated + summary.warning + summary["not-configured"], allRules.length);
    });

    it("renders markdown and JSON", () => {
        const markdown = renderCoverageMarkdown(report);
        assert.match(markdown, /^\| R2: Run the identity provider so only authorised users and devices join \| violated \| \d+ \| 1 \| 1 \| \d+ \|$/m);
        assert.match(markdown, /^\| tailnet-device-approval \| mandatory \| violated \| 1 \| 1 \| 0 \|$/m);
        assert.deepStrictEqual(JSON.parse(renderCoverageJson(report)), JSON.parse(JSON.stringify(report)));
    });
});
