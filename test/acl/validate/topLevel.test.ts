import assert from "node:assert/strict";
import { analyzePolicy } from "../../../acl";
import { at, lines } from "../helpers";
import { assertCase, validationFindings, type ValidationCase } from "./cases";

describe("acl validation: top level", () => {
    it("accepts the documented sections and scalar settings", () => {
        assert.deepEqual(
            validationFindings({
                disableIPv4: false,
                randomizeClientPort: true,
                OneCGNATRoute: "mac-always",
                derpMap: { OmitDefaultRegions: false, Regions: {} },
                defaultSrcPosture: ["posture:latest"],
            }),
            [],
        );
    });

    it("reports an unknown top-level key at its value, listing the known sections", () => {
        const text = lines("{", '  "groups": {},', '  "aclz": [],', "}");
        const findings = analyzePolicy(text, "p").filter((f) => f.check === "unknown-key");
        assert.equal(findings.length, 1);
        assert.equal(at(findings[0]), "3:11");
        assert.match(findings[0].message, /^aclz: unknown key "aclz"; the policy file may have "acls", "grants"/);
    });

    it("asks for the exact spelling when a section differs only in case", () => {
        const text = lines("{", '  "ACLs": [],', "}");
        const [finding] = analyzePolicy(text, "p").filter((f) => f.check === "unknown-key");
        assert.equal(at(finding), "2:11");
        assert.match(finding.message, /write it as "acls"/);
    });

    it("reads null as absent, as Tailscale does, so only a missing required field is reported", () => {
        assert.deepEqual(
            validationFindings({
                randomizeClientPort: null,
                acls: null,
                ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: null, checkPeriod: null, acceptEnv: null }],
            }),
            ['missing-field: ssh[0]: is missing "users"; list the local accounts, e.g. ["autogroup:nonroot"]'],
        );
    });

    const wrongTypes: ValidationCase[] = [
        { name: "acls as object", policy: { acls: { src: [] } }, check: "wrong-type", at: '{\n    "src"', message: /^acls: must be a list, not an object$/ },
        { name: "grants as string", policy: { grants: "all" }, check: "wrong-type", at: '"all"', message: /^grants: must be a list, not a string$/ },
        { name: "groups as list", policy: { groups: ["group:eng"] }, check: "wrong-type", at: '[\n    "group:eng"', message: /^groups: must be an object, not a list$/ },
        { name: "hosts as number", policy: { hosts: 12345 }, check: "wrong-type", at: "12345", message: /^hosts: must be an object, not a number$/ },
        { name: "disableIPv4 as string", policy: { disableIPv4: "yes" }, check: "wrong-type", at: '"yes"', message: /^disableIPv4: must be a boolean, not a string$/ },
        { name: "OneCGNATRoute as boolean", policy: { OneCGNATRoute: true }, check: "wrong-type", at: "true", message: /must be a string, not a boolean/ },
        { name: "ssh entry not an object", policy: { ssh: ["root"] }, check: "wrong-type", at: '"root"', message: /^ssh\[0\]: must be an object, not a string$/ },
        { name: "list element not a string", policy: { groups: { "group:eng": [42] } }, check: "wrong-type", at: "42", message: /^groups\["group:eng"\]\[0\]: must be a string, not a number$/ },
    ];
    for (const c of wrongTypes) it(`reports wrong-type: ${c.name}`, () => assertCase(c));
});
