import * as assert from "assert";
import { webhookCriticalEvents, webhookHttps } from "../../../policies/rules";
import { remediated, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const HOOK = "tailscale:index/webhook:Webhook";
const ALL_CRITICAL = ["policyUpdate", "userRoleUpdated", "nodeNeedsApproval", "userNeedsApproval"];

describe("rule webhook-https", () => {
    it("passes an https endpoint", () => {
        assert.deepStrictEqual(violations(webhookHttps, resource(HOOK, "h", { endpointUrl: "https://hooks.example.com/ts" })), []);
    });

    it("flags http, an invalid URL and a missing one", () => {
        assert.match(violations(webhookHttps, resource(HOOK, "h", { endpointUrl: "http://hooks.example.com" }))[0], /uses http/);
        assert.match(violations(webhookHttps, resource(HOOK, "h", { endpointUrl: "not a url" }))[0], /not a valid URL/);
        assert.match(violations(webhookHttps, resource(HOOK, "h", {}))[0], /not set/);
    });

    it("cannot verify an unknown endpoint", () => {
        unknownOutcome(webhookHttps, resource(HOOK, "h", { endpointUrl: UNKNOWN }), "endpointUrl");
    });
});

describe("rule webhook-critical-events", () => {
    it("passes a hook subscribed to every required event", () => {
        assert.deepStrictEqual(violations(webhookCriticalEvents, resource(HOOK, "h", { subscriptions: [...ALL_CRITICAL, "nodeCreated"] })), []);
    });

    it("lists the missing events", () => {
        assert.deepStrictEqual(violations(webhookCriticalEvents, resource(HOOK, "h", { subscriptions: ["policyUpdate", "userRoleUpdated"] })), [
            "subscriptions lack nodeNeedsApproval, userNeedsApproval: add them.",
        ]);
    });

    it("uses configured events", () => {
        assert.deepStrictEqual(violations(webhookCriticalEvents, resource(HOOK, "h", { subscriptions: ["nodeDeleted"] }), { requiredEvents: ["nodeDeleted"] }), []);
    });

    it("cannot verify unknown subscriptions", () => {
        unknownOutcome(webhookCriticalEvents, resource(HOOK, "h", { subscriptions: UNKNOWN }), "subscriptions");
    });

    it("remediates by adding the missing events", () => {
        const fixed = remediated(webhookCriticalEvents, resource(HOOK, "h", { endpointUrl: "https://x", subscriptions: ["nodeCreated"] }));
        assert.deepStrictEqual(fixed, { endpointUrl: "https://x", subscriptions: ["nodeCreated", ...ALL_CRITICAL] });
    });
});
