import * as assert from "assert";
import { mergePolicyFragments, PolicyFragmentConflict } from "../../components/policyFragment";
import type { PolicyDocument } from "../../acl";

describe("components: policy fragments", () => {
    it("unions approvers without duplicates and leaves its inputs untouched", () => {
        const doc: PolicyDocument = { autoApprovers: { routes: { "10.0.0.0/16": ["tag:a"] }, exitNode: ["tag:a"] }, defaultSrcPosture: ["posture:x"] };
        const before = JSON.stringify(doc);
        const fragment = { source: "s", autoApprovers: { routes: { "10.0.0.0/16": ["tag:a", "tag:b"] }, exitNode: ["tag:b"] }, defaultSrcPosture: ["posture:x", "posture:y"] };
        const merged = mergePolicyFragments(doc, [fragment]);
        assert.deepStrictEqual(merged.autoApprovers, { routes: { "10.0.0.0/16": ["tag:a", "tag:b"] }, exitNode: ["tag:a", "tag:b"] });
        assert.deepStrictEqual(merged.defaultSrcPosture, ["posture:x", "posture:y"]);
        assert.strictEqual(JSON.stringify(doc), before);
        assert.deepStrictEqual(fragment.autoApprovers.routes["10.0.0.0/16"], ["tag:a", "tag:b"]);
    });

    it("accepts the same posture twice but refuses a different definition under the same name", () => {
        const twice = mergePolicyFragments({}, [
            { source: "p", postures: { "posture:base": ["node:tsAutoUpdate"] } },
            { source: "q", postures: { "posture:base": ["node:tsAutoUpdate"] } },
        ]);
        assert.deepStrictEqual(twice.postures, { "posture:base": ["node:tsAutoUpdate"] });
        assert.throws(
            () => mergePolicyFragments({ postures: { "posture:base": ["node:os == 'linux'"] } }, [{ source: "router r", postures: { "posture:base": ["node:tsAutoUpdate"] } }]),
            (error: unknown) => error instanceof PolicyFragmentConflict && /router r: posture posture:base is already defined/.test(error.message),
        );
    });

    it("appends node attributes once and refuses an app connector app defined two ways", () => {
        const github = { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:gh"], domains: ["github.com"] }] } };
        const doc: PolicyDocument = { nodeAttrs: [{ target: ["tag:web"], attr: ["funnel"] }] };
        const before = JSON.stringify(doc);
        const merged = mergePolicyFragments(doc, [
            { source: "router a", nodeAttrs: [github] },
            { source: "router a again", nodeAttrs: [JSON.parse(JSON.stringify(github))] },
        ]);
        assert.deepStrictEqual(merged.nodeAttrs, [{ target: ["tag:web"], attr: ["funnel"] }, github]);
        // The same app written with its keys in another order is the same app, not a conflict.
        const reordered = { app: { "tailscale.com/app-connectors": [{ domains: ["github.com"], connectors: ["tag:gh"], name: "github" }] }, target: ["*"] };
        assert.deepStrictEqual(mergePolicyFragments(merged, [{ source: "router a, reordered", nodeAttrs: [reordered] }]).nodeAttrs, merged.nodeAttrs);
        assert.strictEqual(JSON.stringify(doc), before);
        const other = { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:other"], domains: ["github.com"] }] } };
        assert.throws(
            () => mergePolicyFragments(merged, [{ source: "router b", nodeAttrs: [other] }]),
            (error: unknown) => error instanceof PolicyFragmentConflict && /router b: app connector app "github" is already defined in nodeAttrs with another configuration/.test(error.message),
        );
        // Within one fragment too: the second entry meets the app the first one defined.
        assert.throws(
            () => mergePolicyFragments({}, [{ source: "router c", nodeAttrs: [github, other] }]),
            (error: unknown) => error instanceof PolicyFragmentConflict && /router c: app connector app "github"/.test(error.message),
        );
        // A malformed nodeAttrs in the user's document is kept as given, for the analysis to report.
        const malformed = mergePolicyFragments({ nodeAttrs: "oops" as never }, [{ source: "r", nodeAttrs: [github] }]);
        assert.strictEqual(malformed.nodeAttrs, "oops");
    });
});
