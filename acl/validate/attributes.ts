/**
 * `nodeAttrs` (https://tailscale.com/kb/1337/policy-syntax#node-attributes) and `autoApprovers`
 * (https://tailscale.com/kb/1337/policy-syntax#auto-approvers).
 */
import { APP_CONNECTORS_CAPABILITY } from "../document";
import { ENTRY_KEYS } from "../grammar/sections";
import type { JsonPath } from "../walk";
import { GROUPS_AND_TAGS, TAGS } from "./references";
import { has, type Validation } from "./report";
import { classifySelector, isCidrPrefix } from "./selector";

export function validateNodeAttrs(v: Validation, entries: unknown[]): void {
    v.eachRecord(entries, "nodeAttrs", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.nodeAttrs, "a nodeAttrs entry");
        if (v.requires(record, path, "target", "list the devices the attributes apply to")) {
            v.selectorsAt(record, "nodeAttrTarget", path, "target", GROUPS_AND_TAGS);
        }
        if (!has(record, "attr") && !has(record, "app") && !has(record, "ipPool")) {
            v.add("missing-field", path, 'has neither "attr" nor "app"; list the attributes to apply');
        }
        if (has(record, "ipPool")) {
            v.checkStrings(record, path, "ipPool", isCidrPrefix, (prefix) => `${JSON.stringify(prefix)} is not a CIDR prefix; an ipPool lists prefixes such as "100.81.0.0/16"`);
        }
        if (has(record, "attr")) v.checkStrings(record, path, "attr", (name) => name !== "", () => "an attribute name is empty");
        if (has(record, "app") && v.expectType(record.app, [...path, "app"], "object")) {
            const app = record.app as Record<string, unknown>;
            if (has(app, APP_CONNECTORS_CAPABILITY)) validateAppConnectors(v, app[APP_CONNECTORS_CAPABILITY], [...path, "app", APP_CONNECTORS_CAPABILITY]);
        }
    });
}

const DOMAIN_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const APP_DOMAIN = new RegExp(`^(?:\\*\\.)?${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`);

/**
 * True for a domain an app connector can route: a fully qualified name ("github.com") or one
 * wildcard label in front of one ("*.github.com"), at most 253 characters
 * (https://tailscale.com/kb/1332/app-connectors-best-practices).
 */
export function isAppConnectorDomain(text: string): boolean {
    return text.length <= 253 && APP_DOMAIN.test(text);
}

/**
 * The apps of the "tailscale.com/app-connectors" capability: each names the app, lists its connectors
 * (tags, which must be defined), its domains and, optionally, its routes (CIDR prefixes).
 * Other keys are left alone: the capability is Tailscale's to extend.
 */
function validateAppConnectors(v: Validation, apps: unknown, path: JsonPath): void {
    if (!v.expectType(apps, path, "list")) return;
    (apps as unknown[]).forEach((app, index) => {
        const appPath = [...path, index];
        if (!v.expectType(app, appPath, "object")) return;
        const config = app as Record<string, unknown>;
        if (v.requires(config, appPath, "name", 'name the app, e.g. "github"')) v.expectMember(config, appPath, "name", "string");
        if (v.requires(config, appPath, "connectors", 'list the tags of its connector devices, e.g. ["tag:github-connector"]')) {
            v.selectorsAt(config, "appConnector", appPath, "connectors", TAGS);
        }
        if (v.requires(config, appPath, "domains", 'list the domains it routes, e.g. ["github.com", "*.github.com"]')) {
            v.checkStrings(config, appPath, "domains", isAppConnectorDomain, (domain) =>
                `${JSON.stringify(domain)} is not a domain an app connector can route; give a name such as "github.com" or a wildcard such as "*.github.com"`);
        }
        if (has(config, "routes")) {
            v.checkStrings(config, appPath, "routes", isCidrPrefix, (route) => `${JSON.stringify(route)} is not a CIDR prefix; an app's routes look like "192.0.2.0/24"`);
        }
    });
}

function approverMap(v: Validation, value: unknown, key: "routes" | "services"): void {
    const path = ["autoApprovers", key];
    if (!v.expectType(value, path, "object")) return;
    for (const name of Object.keys(value as Record<string, unknown>)) {
        if (key === "routes" && !isCidrPrefix(name)) {
            v.add("invalid-value", [...path, name], `${JSON.stringify(name)} is not a CIDR prefix; route keys look like "192.0.2.0/24"`);
        }
        if (key === "services") {
            const classified = classifySelector(name);
            if (!("kind" in classified) || classified.kind !== "service") {
                v.add("invalid-selector", [...path, name], `${JSON.stringify(name)} is not a service; service keys look like "svc:web"`);
            }
        }
        v.selectorsAt(value as Record<string, unknown>, "autoApprover", path, name, GROUPS_AND_TAGS);
    }
}

export function validateAutoApprovers(v: Validation, autoApprovers: Record<string, unknown>): void {
    v.keys(autoApprovers, ["autoApprovers"], ENTRY_KEYS.autoApprovers, "autoApprovers");
    if (has(autoApprovers, "routes")) approverMap(v, autoApprovers.routes, "routes");
    if (has(autoApprovers, "services")) approverMap(v, autoApprovers.services, "services");
    if (has(autoApprovers, "exitNode")) {
        v.selectorsAt(autoApprovers, "autoApprover", ["autoApprovers"], "exitNode", GROUPS_AND_TAGS);
    }
}
