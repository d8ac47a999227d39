import * as assert from "assert";
import { federatedIdentityTrust, oauthScopesAllowed, oauthTagsRequired } from "../../../policies/rules";
import { resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const OAUTH = "tailscale:index/oauthClient:OauthClient";
const FEDERATED = "tailscale:index/federatedIdentity:FederatedIdentity";

describe("rule oauth-scopes-allowed", () => {
    it("passes narrow scopes on both credential types", () => {
        assert.deepStrictEqual(violations(oauthScopesAllowed, resource(OAUTH, "c", { scopes: ["auth_keys", "devices:core"] })), []);
        assert.deepStrictEqual(violations(oauthScopesAllowed, resource(FEDERATED, "f", { scopes: ["policy_file:read"] })), []);
    });

    it('flags "all" by default, and empty scopes', () => {
        assert.deepStrictEqual(violations(oauthScopesAllowed, resource(OAUTH, "c", { scopes: ["all", "dns:read"] })), [
            'scope "all" is not in allowedScopes: grant a narrower scope.',
        ]);
        assert.strictEqual(violations(oauthScopesAllowed, resource(OAUTH, "c", { scopes: [] })).length, 1);
    });

    it("refuses a scope that is not a string, as the components do", () => {
        assert.deepStrictEqual(violations(oauthScopesAllowed, resource(OAUTH, "c", { scopes: ["auth_keys", 5] })), [
            'scopes[1] is 5, not a scope name: list scope names such as "auth_keys".',
        ]);
    });

    it("uses the configured allow-list", () => {
        assert.strictEqual(violations(oauthScopesAllowed, resource(OAUTH, "c", { scopes: ["dns"] }), { allowedScopes: ["dns:read"] }).length, 1);
    });

    it("cannot verify unknown scopes", () => {
        unknownOutcome(oauthScopesAllowed, resource(OAUTH, "c", { scopes: UNKNOWN }), "scopes");
    });
});

describe("rule oauth-tags-required", () => {
    it("passes write scopes with tags, and read-only scopes without", () => {
        assert.deepStrictEqual(violations(oauthTagsRequired, resource(OAUTH, "c", { scopes: ["auth_keys"], tags: ["tag:ci"] })), []);
        assert.deepStrictEqual(violations(oauthTagsRequired, resource(OAUTH, "c", { scopes: ["devices:core:read"] })), []);
    });

    it("flags auth_keys or devices:core without tags, and a non-tag entry", () => {
        assert.match(violations(oauthTagsRequired, resource(FEDERATED, "f", { scopes: ["devices:core"] }))[0], /need tags/);
        assert.match(violations(oauthTagsRequired, resource(OAUTH, "c", { scopes: ["auth_keys"], tags: ["ci"] }))[0], /"ci" is not a tag/);
    });

    it("cannot verify unknown tags when a write scope needs them", () => {
        unknownOutcome(oauthTagsRequired, resource(OAUTH, "c", { scopes: ["auth_keys"], tags: UNKNOWN }), "tags");
    });
});

describe("rule federated-identity-trust", () => {
    const good = { issuer: "https://token.actions.githubusercontent.com", subject: "repo:example/infra:ref:refs/heads/main", scopes: ["dns"] };

    it("passes an https issuer and a specific subject", () => {
        assert.deepStrictEqual(violations(federatedIdentityTrust, resource(FEDERATED, "f", good)), []);
    });

    it("flags a wildcard subject and a non-https issuer", () => {
        const messages = violations(federatedIdentityTrust, resource(FEDERATED, "f", { ...good, issuer: "http://idp", subject: "*" }));
        assert.strictEqual(messages.length, 2);
        assert.match(messages[1], /bare wildcard/);
    });

    it("restricts issuers to allowedIssuers when configured", () => {
        assert.match(
            violations(federatedIdentityTrust, resource(FEDERATED, "f", good), { allowedIssuers: ["https://gitlab.example.com"] })[0],
            /not in allowedIssuers/,
        );
    });

    it("cannot verify an unknown subject", () => {
        unknownOutcome(federatedIdentityTrust, resource(FEDERATED, "f", { ...good, subject: UNKNOWN }), "subject");
    });
});
