import * as assert from "assert";
import { contactsSecurityEmail, dnsNameserversTrusted } from "../../../policies/rules";
import { resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const CONTACTS = "tailscale:index/contacts:Contacts";
const DNS = "tailscale:index/dnsConfiguration:DnsConfiguration";
const NAMESERVERS = "tailscale:index/dnsNameservers:DnsNameservers";
const SPLIT = "tailscale:index/dnsSplitNameservers:DnsSplitNameservers";

describe("rule contacts-security-email", () => {
    it("passes a security email", () => {
        assert.deepStrictEqual(violations(contactsSecurityEmail, resource(CONTACTS, "c", { securities: [{ email: "security@example.com" }] })), []);
    });

    it("flags missing securities and a malformed email", () => {
        assert.match(violations(contactsSecurityEmail, resource(CONTACTS, "c", { accounts: [{ email: "a@example.com" }] }))[0], /securities is empty/);
        assert.match(violations(contactsSecurityEmail, resource(CONTACTS, "c", { securities: [{ email: "nobody" }] }))[0], /not an email/);
    });

    it("restricts domains when configured", () => {
        const r = resource(CONTACTS, "c", { securities: [{ email: "me@gmail.com" }] });
        assert.match(violations(contactsSecurityEmail, r, { allowedDomains: ["example.com"] })[0], /outside allowedDomains/);
    });

    it("cannot verify an unknown email", () => {
        unknownOutcome(contactsSecurityEmail, resource(CONTACTS, "c", { securities: [{ email: UNKNOWN }] }), "securities[0].email");
    });
});

describe("rule dns-nameservers-encrypted", () => {
    it("passes internal resolvers, DoH URLs and DoH-upgraded public resolvers", () => {
        const props = {
            nameservers: [{ address: "10.0.0.2" }, { address: "1.1.1.1" }, { address: "https://dns.example.com/dns-query" }, { address: "fd7a:115c:a1e0::53" }],
            splitDns: [{ domain: "corp.example.com", nameservers: ["100.100.1.1"] }],
        };
        assert.deepStrictEqual(violations(dnsNameserversTrusted, resource(DNS, "d", props)), []);
    });

    it("flags a public resolver in plain DNS and an unparsable address, in every DNS resource", () => {
        assert.match(violations(dnsNameserversTrusted, resource(DNS, "d", { nameservers: [{ address: "203.0.113.9" }] }))[0], /nameservers\[0\].address 203.0.113.9 is a public resolver/);
        assert.match(violations(dnsNameserversTrusted, resource(NAMESERVERS, "n", { nameservers: ["dns.example"] }))[0], /neither an IP address/);
        assert.strictEqual(violations(dnsNameserversTrusted, resource(SPLIT, "s", { domain: "x", nameservers: ["198.51.100.1"] })).length, 1);
    });

    it("accepts a public resolver trusted in config", () => {
        assert.deepStrictEqual(violations(dnsNameserversTrusted, resource(NAMESERVERS, "n", { nameservers: ["203.0.113.9"] }), { trustedPublicResolvers: ["203.0.113.9"] }), []);
    });

    it("cannot verify an unknown nameserver", () => {
        unknownOutcome(dnsNameserversTrusted, resource(NAMESERVERS, "n", { nameservers: [UNKNOWN] }), "nameservers[0]");
    });
});
