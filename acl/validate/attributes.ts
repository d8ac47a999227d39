/**
 * `nodeAttrs` (https://tailscale.com/kb/1337/policy-syntax#node-attributes) and `autoApprovers`
 * (https://tailscale.com/kb/1337/policy-syntax#auto-approvers).
 */
import { APP_CONNECTORS_CAPABILITY } from "../document";
import { ENTRY_KEYS } from "../grammar/sections";
import type { JsonPath } from "../walk";
import { GROUPS_AND_TAGS, TAGS } from "./references";
import { NONE } from "../tape";
import type { Validation } from "./report";
import { classifySelector, isCidrPrefix } from "./selector";

export function validateNodeAttrs(v: Validation, entries: number): void {
    const tape = v.tape;
    v.eachRecord(entries, "nodeAttrs", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.nodeAttrs, "a nodeAttrs entry");
        if (v.requires(record, path, "target", "list the devices the attributes apply to")) {
            v.selectorsAt(record, "nodeAttrTarget", path, "target", GROUPS_AND_TAGS);
        }
        if (!v.has(record, "attr") && !v.has(record, "app") && !v.has(record, "ipPool")) {
            v.add("missing-field", path, 'has neither "attr" nor "app"; list the attributes to apply');
        }
        if (v.has(record, "ipPool")) {
            v.checkStrings(record, path, "ipPool", isCidrPrefix, (prefix) => `${JSON.stringify(prefix)} is not a CIDR prefix; an ipPool lists prefixes such as "100.81.0.0/16"`);
        }
        if (v.has(record, "attr")) v.checkStrings(record, path, "attr", (name) => name !== "", () => "an attribute name is empty");
        const app = tape.field(record, "app");
        if (app !== NONE && v.expectType(app, [...path, "app"], "object")) {
            const connectors = tape.field(app, APP_CONNECTORS_CAPABILITY);
            if (connectors !== NONE) validateAppConnectors(v, connectors, [...path, "app", APP_CONNECTORS_CAPABILITY]);
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
function validateAppConnectors(v: Validation, apps: number, path: JsonPath): void {
    const tape = v.tape;
    if (!v.expectType(apps, path, "list")) return;
    for (let config = tape.first(apps), index = 0; config !== NONE; config = tape.next(config), index++) {
        const appPath = [...path, index];
        if (!v.expectType(config, appPath, "object")) continue;
        if (v.requires(config, appPath, "name", 'name the app, e.g. "github"')) v.expectMember(config, appPath, "name", "string");
        if (v.requires(config, appPath, "connectors", 'list the tags of its connector devices, e.g. ["tag:github-connector"]')) {
            v.selectorsAt(config, "appConnector", appPath, "connectors", TAGS);
        }
        if (v.requires(config, appPath, "domains", 'list the domains it routes, e.g. ["github.com", "*.github.com"]')) {
            v.checkStrings(config, appPath, "domains", isAppConnectorDomain, (domain) =>
                `${JSON.stringify(domain)} is not a domain an app connector can route; give a name such as "github.com" or a wildcard such as "*.github.com"`);
        }
        if (v.has(config, "routes")) {
            v.checkStrings(config, appPath, "routes", isCidrPrefix, (route) => `${JSON.stringify(route)} is not a CIDR prefix; an app's routes look like "192.0.2.0/24"`);
        }
    }
}

function approverMap(v: Validation, value: number, key: "routes" | "services"): void {
    const tape = v.tape;
    const path = ["autoApprovers", key];
    if (!v.expectType(value, path, "object")) return;
    for (let approvers = tape.first(value); approvers !== NONE; approvers = tape.next(approvers)) {
        const name = tape.key(approvers);
        if (key === "routes" && !isCidrPrefix(name)) {
            v.add("invalid-value", [...path, name], `${JSON.stringify(name)} is not a CIDR prefix; route keys look like "192.0.2.0/24"`);
        }
        if (key === "services") {
            const classified = classifySelector(name);
            if (!("kind" in classified) || classified.kind !== "service") {
                v.add("invalid-selector", [...path, name], `${JSON.stringify(name)} is not a service; service keys look like "svc:web"`);
            }
        }
        v.selectorList(v.stringListValue(approvers, path, name), "autoApprover", path, name, GROUPS_AND_TAGS);
    }
}

export function validateAutoApprovers(v: Validation, autoApprovers: number): void {
    const tape = v.tape;
    v.keys(autoApprovers, ["autoApprovers"], ENTRY_KEYS.autoApprovers, "autoApprovers");
    const routes = tape.field(autoApprovers, "routes");
    if (routes !== NONE) approverMap(v, routes, "routes");
    const services = tape.field(autoApprovers, "services");
    if (services !== NONE) approverMap(v, services, "services");
    if (v.has(autoApprovers, "exitNode")) {
        v.selectorsAt(autoApprovers, "autoApprover", ["autoApprovers"], "exitNode", GROUPS_AND_TAGS);
    }
}
