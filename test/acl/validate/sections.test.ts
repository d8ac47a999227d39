/**
 * One table per section: documented-style valid entries produce no validation findings, and each
 * broken variant produces exactly the expected finding at the expected value.
 * Section grammar: https://tailscale.com/kb/1337/policy-syntax, https://tailscale.com/kb/1538/grants-syntax,
 * https://tailscale.com/kb/1193/tailscale-ssh.
 */
import assert from "node:assert/strict";
import { assertCase, validationFindings, type ValidationCase } from "./cases";

interface SectionTable {
    section: string;
    valid: Record<string, unknown>;
    invalid: ValidationCase[];
}

const TABLES: SectionTable[] = [
    {
        section: "acls",
        valid: {
            acls: [
                { action: "accept", src: ["group:eng"], dst: ["tag:db:5432", "nas:80,443", "office:1000-2000", "[fd7a:115c:a1e0::1]:22"] },
                { action: "accept", src: ["autogroup:member"], dst: ["autogroup:self:*", "autogroup:internet:*"] },
                // Legacy acls accept "*" towards autogroup:self.
                { action: "accept", src: ["*"], dst: ["autogroup:self:22"] },
                { action: "accept", src: ["group:ops"], proto: "icmp", dst: ["tag:db:*"] },
                { action: "accept", src: ["group:ops"], proto: "17", dst: ["tag:db:53"] },
                // Legacy field names.
                { action: "accept", users: ["group:ops"], ports: ["tag:web:443"] },
                // An IPv6 prefix ends at its "/bits", so ports may follow without brackets (Tailscale accepts this).
                { action: "accept", src: ["group:ops"], dst: ["fd00:1::/64:443", "2001:db8::1/128:22,80", "fd7a:115c:a1e0::/48:*"] },
            ],
        },
        invalid: [
            { name: "action deny", policy: { acls: [{ action: "deny", src: ["*"], dst: ["tag:db:1"] }] }, check: "invalid-value", at: '"deny"', message: /^acls\[0\]\.action: "deny" is not an acls action; the only action is "accept"/ },
            { name: "no dst", policy: { acls: [{ action: "accept", src: ["group:eng"] }] }, check: "missing-field", at: "{\n      \"action\"", message: /^acls\[0\]: is missing "dst"/ },
            { name: "dst without ports", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db"] }] }, check: "invalid-ports", at: '"tag:db"', after: '"acls"', message: /"tag:db" has no ports; write "target:ports"/ },
            { name: "port out of range", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:70000"] }] }, check: "invalid-ports", at: '"tag:db:70000"', message: /port 70000 is outside 0-65535/ },
            { name: "reversed range", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:90-80"] }] }, check: "invalid-ports", at: '"tag:db:90-80"', message: /the range "90-80" is reversed/ },
            { name: "port not a number", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:ssh"] }] }, check: "invalid-ports", at: '"tag:db:ssh"', message: /"ssh" is not a port or a range/ },
            { name: "unknown protocol", policy: { acls: [{ action: "accept", src: ["group:eng"], proto: "quic", dst: ["tag:db:*"] }] }, check: "invalid-protocol", at: '"quic"', message: /"quic" is not a protocol name .* or IANA number 0-255/ },
            { name: "protocol number too large", policy: { acls: [{ action: "accept", src: ["group:eng"], proto: "256", dst: ["tag:db:*"] }] }, check: "invalid-protocol", at: '"256"', message: /"256" is not a protocol/ },
            { name: "ports on a portless protocol", policy: { acls: [{ action: "accept", src: ["group:eng"], proto: "gre", dst: ["tag:db:22"] }] }, check: "invalid-ports", at: '"tag:db:22"', message: /protocol has none; use ":\*"/ },
            { name: "unknown rule key", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:1"], comment: "x" }] }, check: "unknown-key", at: '"x"', message: /^acls\[0\]\.comment: unknown key "comment"; an acls rule may have "action", "src", "dst", "proto", "users", "ports", "srcPosture"$/ },
            { name: "internet as source", policy: { acls: [{ action: "accept", src: ["autogroup:internet"], dst: ["tag:db:1"] }] }, check: "invalid-selector", at: '"autogroup:internet"', message: /"autogroup:internet" is not allowed in an access rule source/ },
            { name: "IPv6 address and port without brackets", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["fd7a::1:22"] }] }, check: "invalid-ports", at: '"fd7a::1:22"', message: /is ambiguous: an IPv6 address needs brackets before its ports, e\.g\. "\[fd7a::1\]:22"/ },
            { name: "port 0", policy: { acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:0"] }] }, check: "invalid-ports", at: '"tag:db:0"', message: /"0" starts at port 0; ports start at 1 \(use "\*" for every port\)/ },
            { name: "tag reaching autogroup:self", policy: { acls: [{ action: "accept", src: ["group:eng", "tag:web"], dst: ["autogroup:self:22"] }] }, check: "invalid-selector", at: '"tag:web"', after: '"acls"', message: /"tag:web" is a tag, but the rule reaches autogroup:self, which only users, groups and autogroup:member may use/ },
        ],
    },
    {
        section: "grants",
        valid: {
            grants: [
                { src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:5432", "443", "udp:1000-2000", "icmp:*"] },
                { src: ["group:eng"], dst: ["svc:wiki"], ip: ["*"], srcPosture: ["posture:latest"] },
                { src: ["group:ops"], dst: ["192.0.2.0/24", "ipset:branches"], ip: ["*"], via: ["tag:router"] },
                { src: ["group:ops"], dst: ["tag:web"], app: { "example.com/cap/admin": [{ role: "admin" }] } },
            ],
        },
        invalid: [
            { name: "neither ip nor app", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"] }] }, check: "missing-field", at: "{\n      \"src\"", message: /has neither "ip" nor "app"/ },
            { name: "ports in dst", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db:5432"], ip: ["*"] }] }, check: "invalid-selector", at: '"tag:db:5432"', message: /grant destinations have none; write "tag:db" and put the ports in "ip"/ },
            { name: "bad ip protocol", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["tpc:22"] }] }, check: "invalid-protocol", at: '"tpc:22"', message: /"tpc" is not a protocol name/ },
            { name: "icmp with a port", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["icmp:8"] }] }, check: "invalid-ports", at: '"icmp:8"', message: /protocol "icmp" has no ports; write "icmp:\*"/ },
            { name: "via a group", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["*"], via: ["group:ops"] }] }, check: "invalid-selector", at: '"group:ops"', after: '"via"', message: /is a group, which is not allowed in a grant's via list/ },
            { name: "undefined posture", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["*"], srcPosture: ["posture:old"] }] }, check: "undefined-reference", at: '"posture:old"', message: /refers to posture "posture:old", which is not defined; define it under "postures"/ },
            { name: "undefined ipset", policy: { grants: [{ src: ["ipset:hq"], dst: ["tag:db"], ip: ["*"] }] }, check: "undefined-reference", at: '"ipset:hq"', message: /IP set "ipset:hq"/ },
            { name: "empty ip and no app", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: [] }] }, check: "missing-field", at: "{\n      \"src\"", message: /has neither "ip" nor "app" capabilities/ },
            { name: "everyone reaching autogroup:self", policy: { grants: [{ src: ["*"], dst: ["autogroup:self"], ip: ["*"] }] }, check: "invalid-selector", at: '"*"', message: /^grants\[0\]\.src\[0\]: "\*" is everyone, tagged devices included, but the rule reaches autogroup:self/ },
            { name: "default route as destination", policy: { grants: [{ src: ["group:eng"], dst: ["0.0.0.0/0"], ip: ["*"] }] }, check: "invalid-selector", at: '"0.0.0.0/0"', message: /use "\*" for every address or "autogroup:internet" for exit-node traffic/ },
            { name: "app towards the internet", policy: { grants: [{ src: ["group:eng"], dst: ["autogroup:internet"], app: { "example.com/cap/x": [{}] } }] }, check: "invalid-value", at: '{\n        "example.com/cap/x"', message: /application capabilities cannot apply to autogroup:internet/ },
            { name: "capability name with a scheme", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], app: { "https://example.com/cap/x": [{}] } }] }, check: "invalid-value", at: "[\n          {}", message: /"https:\/\/example.com\/cap\/x" is not a capability name; write "domain\/path"/ },
            { name: "port 0 in ip", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:0"] }] }, check: "invalid-ports", at: '"tcp:0"', message: /starts at port 0/ },
            { name: "app not an object", policy: { grants: [{ src: ["group:eng"], dst: ["tag:db"], app: ["cap"] }] }, check: "wrong-type", at: '[\n        "cap"', message: /^grants\[0\]\.app: must be an object, not a list$/ },
        ],
    },
    {
        section: "groups",
        valid: { groups: { "group:eng": ["alice@example.com", "carol@github", "dave@passkey"], "group:ops": ["bob@example.com"] } },
        invalid: [
            { name: "nested group", policy: { groups: { "group:eng": ["alice@example.com"], "group:ops": ["group:eng"] } }, check: "invalid-selector", at: '"group:eng"', after: '"group:ops"', message: /"group:eng" is a group, which is not allowed in a group's members/ },
            { name: "tag member", policy: { groups: { "group:eng": ["tag:db"], "group:ops": ["bob@example.com"] } }, check: "invalid-selector", at: '"tag:db"', message: /is a tag, which is not allowed/ },
            { name: "empty group", policy: { groups: { "group:eng": ["alice@example.com"], "group:ops": [] } }, check: "empty-group", at: "[]", message: /^groups\["group:ops"\]: group "group:ops" has no members/ },
            { name: "key without prefix", policy: { groups: { "group:eng": ["alice@example.com"], "group:ops": ["bob@example.com"], eng: ["alice@example.com"] } }, check: "invalid-selector", at: '[\n      "alice@example.com"\n    ]\n  }', message: /keys of "groups" look like "group:eng"/ },
            { name: "malformed login", policy: { groups: { "group:eng": ["alice@"], "group:ops": ["bob@example.com"] } }, check: "invalid-selector", at: '"alice@"', message: /"alice@" is not a valid user login/ },
        ],
    },
    {
        section: "tagOwners",
        valid: { tagOwners: { "tag:db": ["group:ops", "autogroup:admin", "alice@example.com", "tag:web"], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"] } },
        invalid: [
            { name: "no owners", policy: { tagOwners: { "tag:db": [], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"] } }, check: "tag-without-owner", at: "[]", message: /tag "tag:db" has no owners, so only admins can apply it/ },
            { name: "malformed tag", policy: { tagOwners: { "tag:db": ["group:ops"], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"], "tag:_x": ["group:ops"] } }, check: "invalid-selector", at: '[\n      "group:ops"\n    ]\n  }', message: /"tag:_x" is not a valid tag/ },
            { name: "self as owner", policy: { tagOwners: { "tag:db": ["autogroup:self"], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"] } }, check: "invalid-selector", at: '"autogroup:self"', message: /not allowed in a tag owner list/ },
        ],
    },
    {
        section: "hosts",
        valid: { hosts: { nas: "100.64.0.7", office: "192.0.2.0/24", v6: "fd7a:115c:a1e0::7", "printer.lan": "10.0.0.9" } },
        invalid: [
            { name: "not an address", policy: { hosts: { nas: "nas.example.com", office: "192.0.2.0/24" } }, check: "invalid-value", at: '"nas.example.com"', message: /"nas.example.com" is not an IP address or CIDR prefix/ },
            { name: "octet out of range", policy: { hosts: { nas: "100.64.0.300", office: "192.0.2.0/24" } }, check: "invalid-value", at: '"100.64.0.300"', message: /is not an IP address/ },
            { name: "name with a colon", policy: { hosts: { nas: "100.64.0.7", office: "192.0.2.0/24", "a:b": "10.0.0.1" } }, check: "invalid-selector", at: '"10.0.0.1"', message: /"a:b" is not a valid host name/ },
        ],
    },
    {
        section: "ipsets",
        valid: { ipsets: { "ipset:branches": ["198.51.100.0/24", "nas", "add 203.0.113.0/24", "remove 203.0.113.7"], "ipset:all": ["ipset:branches"] } },
        invalid: [
            { name: "not an address", policy: { ipsets: { "ipset:branches": ["tag:db"] } }, check: "invalid-selector", at: '"tag:db"', after: '"ipsets"', message: /is a tag, which is not allowed in an IP set/ },
            { name: "bad CIDR", policy: { ipsets: { "ipset:branches": ["198.51.100.0/33"] } }, check: "invalid-selector", at: '"198.51.100.0/33"', message: /looks like an IP address or CIDR but is not a valid one/ },
        ],
    },
    {
        section: "postures",
        valid: { postures: { "posture:latest": ["node:tsVersion >= '1.60'"], "posture:mac": ["node:os == 'macos'"] }, defaultSrcPosture: ["posture:latest"] },
        invalid: [
            { name: "undefined default posture", policy: { defaultSrcPosture: ["posture:gone"] }, check: "undefined-reference", at: '"posture:gone"', message: /posture "posture:gone", which is not defined/ },
            { name: "default posture not a posture", policy: { defaultSrcPosture: ["latest"] }, check: "invalid-selector", at: '"latest"', message: /is a host alias, which is not allowed in a posture list/ },
            { name: "empty condition", policy: { postures: { "posture:latest": [" "] } }, check: "invalid-value", at: '" "', message: /a posture condition is empty/ },
        ],
    },
    {
        section: "autoApprovers",
        valid: { autoApprovers: { routes: { "10.0.0.0/8": ["tag:router"], "fd00::/8": ["tag:router"] }, exitNode: ["tag:router"], services: { "svc:wiki": ["tag:web"] } } },
        invalid: [
            { name: "route not a CIDR", policy: { autoApprovers: { routes: { "10.0.0.0": ["tag:router"] } } }, check: "invalid-value", at: '[\n        "tag:router"', message: /"10.0.0.0" is not a CIDR prefix/ },
            { name: "service key not a service", policy: { autoApprovers: { services: { wiki: ["tag:web"] } } }, check: "invalid-selector", at: '[\n        "tag:web"', message: /"wiki" is not a service; service keys look like "svc:web"/ },
            { name: "unknown key", policy: { autoApprovers: { exitNodes: ["tag:router"] } }, check: "unknown-key", at: '[\n      "tag:router"', message: /unknown key "exitNodes"; autoApprovers may have "routes", "exitNode", "services"/ },
        ],
    },
    {
        section: "ssh",
        valid: {
            ssh: [
                { action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root", "ubuntu"], checkPeriod: "4h" },
                { action: "check", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot", "localpart:*@example.com"], checkPeriod: "always" },
                { action: "accept", src: ["tag:web"], dst: ["tag:db"], users: ["deploy"], acceptEnv: ["GIT_*", "LANG"], recorder: ["tag:rec"], enforceRecorder: true },
            ],
        },
        invalid: [
            { name: "action allow", policy: { ssh: [{ action: "allow", src: ["group:eng"], dst: ["tag:db"], users: ["root"] }] }, check: "invalid-value", at: '"allow"', message: /"allow" is not an ssh action; use "check" or "accept"/ },
            { name: "wildcard destination", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["*"], users: ["root"] }] }, check: "invalid-selector", at: '"*"', message: /"\*" is "\*", which is not allowed in an SSH destination/ },
            { name: "group destination", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["group:ops"], users: ["root"] }] }, check: "invalid-selector", at: '"group:ops"', after: '"ssh"', message: /is a group, which is not allowed in an SSH destination/ },
            { name: "nonroot as source", policy: { ssh: [{ action: "check", src: ["autogroup:nonroot"], dst: ["tag:db"], users: ["root"] }] }, check: "invalid-selector", at: '"autogroup:nonroot"', message: /not allowed in an SSH source/ },
            { name: "tag reaching autogroup:self", policy: { ssh: [{ action: "accept", src: ["tag:web"], dst: ["autogroup:self"], users: ["deploy"] }] }, check: "invalid-selector", at: '"tag:web"', after: '"ssh"', message: /"tag:web" is a tag, but the rule reaches autogroup:self/ },
            { name: "check from a tag", policy: { ssh: [{ action: "check", src: ["tag:web"], dst: ["tag:db"], users: ["root"] }] }, check: "invalid-value", at: '"tag:web"', after: '"ssh"', message: /cannot re-authenticate, so "check" cannot apply/ },
            { name: "checkPeriod over 168h", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], checkPeriod: "200h" }] }, check: "invalid-value", at: '"200h"', message: /"200h" is outside the allowed 1m to 168h/ },
            { name: "checkPeriod under 1m", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], checkPeriod: "30s" }] }, check: "invalid-value", at: '"30s"', message: /outside the allowed/ },
            { name: "checkPeriod not a duration", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], checkPeriod: "1 day" }] }, check: "invalid-value", at: '"1 day"', message: /is not a duration; write e.g. "12h"/ },
            { name: "checkPeriod on accept", policy: { ssh: [{ action: "accept", src: ["group:eng"], dst: ["tag:db"], users: ["ubuntu"], checkPeriod: "1h" }] }, check: "invalid-value", at: '"1h"', message: /checkPeriod only applies to "action": "check"/ },
            { name: "recorder not a tag", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], recorder: ["100.64.0.9"], enforceRecorder: true }] }, check: "invalid-selector", at: '"100.64.0.9"', message: /is an IP address, which is not allowed in an SSH recorder list/ },
            { name: "enforceRecorder as string", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], recorder: ["tag:rec"], enforceRecorder: "yes" }] }, check: "wrong-type", at: '"yes"', message: /enforceRecorder: must be a boolean/ },
            { name: "missing users", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"] }] }, check: "missing-field", at: "{\n      \"action\"", message: /is missing "users"/ },
            { name: "acceptEnv entry not a variable name", policy: { ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], acceptEnv: ["GIT_*", "GIT-EDITOR"] }] }, check: "invalid-value", at: '"GIT-EDITOR"', message: /acceptEnv\[1\]: "GIT-EDITOR" is not an environment variable name/ },
        ],
    },
    {
        section: "nodeAttrs",
        valid: {
            nodeAttrs: [
                { target: ["tag:web"], attr: ["funnel"] },
                { target: ["group:eng"], app: { "tailscale.com/app-connectors": [] } },
                { target: ["group:ops"], ipPool: ["100.81.0.0/16"] },
                // An app connector app as Tailscale documents it (https://tailscale.com/kb/1337/policy-syntax#node-attributes).
                { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:router"], domains: ["github.com", "*.github.com"], routes: ["192.0.2.0/24"] }] } },
            ],
        },
        invalid: [
            { name: "no attr", policy: { nodeAttrs: [{ target: ["tag:web"] }] }, check: "missing-field", at: "{\n      \"target\"", message: /has neither "attr" nor "app"/ },
            { name: "empty attribute name", policy: { nodeAttrs: [{ target: ["tag:web"], attr: ["funnel", ""] }] }, check: "invalid-value", at: '""', message: /nodeAttrs\[0\]\.attr\[1\]: an attribute name is empty/ },
            { name: "ipPool entry not a prefix", policy: { nodeAttrs: [{ target: ["group:ops"], ipPool: ["100.81.0.1"] }] }, check: "invalid-value", at: '"100.81.0.1"', message: /"100.81.0.1" is not a CIDR prefix; an ipPool lists prefixes/ },
            { name: "internet target", policy: { nodeAttrs: [{ target: ["autogroup:internet"], attr: ["funnel"] }] }, check: "invalid-selector", at: '"autogroup:internet"', message: /not allowed in a nodeAttrs target/ },
            { name: "app connectors not a list", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": { name: "github" } } }] }, check: "wrong-type", at: "{", after: '"tailscale.com/app-connectors"', message: /must be a list, not an object/ },
            { name: "app connector that is a group", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["group:ops"], domains: ["github.com"] }] } }] }, check: "invalid-selector", at: '"group:ops"', after: '"connectors"', message: /"group:ops" is a group, which is not allowed in an app connector's connectors/ },
            { name: "app connector tag undefined", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:nobody"], domains: ["github.com"] }] } }] }, check: "undefined-reference", at: '"tag:nobody"', message: /tag "tag:nobody"/ },
            { name: "app connector without connectors", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", domains: ["github.com"] }] } }] }, check: "missing-field", at: "{", after: '"tailscale.com/app-connectors"', message: /is missing "connectors"; list the tags of its connector devices/ },
            { name: "app domain with a scheme", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:router"], domains: ["https://github.com"] }] } }] }, check: "invalid-value", at: '"https://github.com"', message: /"https:\/\/github\.com" is not a domain an app connector can route/ },
            { name: "app route not a prefix", policy: { nodeAttrs: [{ target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:router"], domains: ["github.com"], routes: ["192.0.2.1"] }] } }] }, check: "invalid-value", at: '"192.0.2.1"', message: /"192\.0\.2\.1" is not a CIDR prefix; an app's routes look like/ },
        ],
    },
    {
        section: "tests",
        valid: {
            tests: [
                { src: "alice@example.com", accept: ["tag:db:5432", "100.64.0.7:80"], deny: ["tag:db:22"] },
                { src: "tag:web", proto: "udp", accept: ["tag:db:53"] },
                { src: "bob@example.com", proto: "icmp", accept: ["tag:db:0"] },
                // Legacy spelling of accept.
                { src: "group:eng", allow: ["nas:445"] },
                // Posture attributes of the source device (https://tailscale.com/kb/1337/policy-syntax#srcpostureattrs).
                {
                    src: "alice@example.com",
                    srcPostureAttrs: { "node:os": "windows", "node:tsVersion": "1.82.0", "node:tsAutoUpdate": true, "custom:score": 70, "falcon:ztaScore": 80 },
                    accept: ["tag:db:5432"],
                },
                { src: "alice@example.com", srcPostureAttrs: null, accept: ["tag:db:5432"] },
            ],
        },
        invalid: [
            { name: "port range", policy: { tests: [{ src: "alice@example.com", accept: ["tag:db:80-90"] }] }, check: "invalid-ports", at: '"tag:db:80-90"', message: /must name exactly one port \(0-65535\), not "80-90"/ },
            { name: "wildcard port", policy: { tests: [{ src: "alice@example.com", deny: ["tag:db:*"] }] }, check: "invalid-ports", at: '"tag:db:\*"'.replace("\\", ""), message: /must name exactly one port/ },
            { name: "ICMP port not 0", policy: { tests: [{ src: "alice@example.com", proto: "icmp", accept: ["tag:db:8"] }] }, check: "invalid-ports", at: '"tag:db:8"', message: /is an ICMP test, which must use port 0/ },
            { name: "unsupported proto", policy: { tests: [{ src: "alice@example.com", proto: "gre", accept: ["tag:db:0"] }] }, check: "invalid-protocol", at: '"gre"', message: /not a protocol tests support/ },
            { name: "src a list", policy: { tests: [{ src: ["alice@example.com"], accept: ["tag:db:1"] }] }, check: "wrong-type", at: '[\n        "alice@example.com"', message: /^tests\[0\]\.src: must be a string, not a list$/ },
            { name: "unknown key", policy: { tests: [{ src: "alice@example.com", accepts: ["tag:db:1"] }] }, check: "unknown-key", at: '[\n        "tag:db:1"', message: /unknown key "accepts"; a test may have "src", "proto", "accept", "deny", "allow", "srcPostureAttrs"$/ },
            { name: "srcPostureAttrs a list", policy: { tests: [{ src: "alice@example.com", srcPostureAttrs: ["node:os"], accept: ["tag:db:1"] }] }, check: "wrong-type", at: '[\n        "node:os"', message: /^tests\[0\]\.srcPostureAttrs: must be an object, not a list$/ },
            { name: "srcPostureAttrs a string", policy: { tests: [{ src: "alice@example.com", srcPostureAttrs: "node:os == 'macos'", accept: ["tag:db:1"] }] }, check: "wrong-type", at: '"node:os == \'macos\'"', message: /^tests\[0\]\.srcPostureAttrs: must be an object, not a string$/ },
            { name: "srcPostureAttrs key without namespace", policy: { tests: [{ src: "alice@example.com", srcPostureAttrs: { os: "macos" }, accept: ["tag:db:1"] }] }, check: "invalid-value", at: '"macos"', message: /^tests\[0\]\.srcPostureAttrs\.os: "os" is not a posture attribute; name it namespace:name, e\.g\. "node:os"/ },
            { name: "srcPostureAttrs value a list", policy: { tests: [{ src: "alice@example.com", srcPostureAttrs: { "node:os": ["macos"] }, accept: ["tag:db:1"] }] }, check: "wrong-type", at: '[\n          "macos"', message: /srcPostureAttrs\["node:os"\]: must be a string, a number or a boolean, not a list$/ },
            { name: "srcPostureAttrs value null", policy: { tests: [{ src: "alice@example.com", srcPostureAttrs: { "custom:tier": null }, accept: ["tag:db:1"] }] }, check: "wrong-type", at: "null", after: '"custom:tier"', message: /must be a string, a number or a boolean, not null$/ },
        ],
    },
    {
        section: "sshTests",
        valid: {
            sshTests: [
                { src: "alice@example.com", dst: ["tag:db"], accept: ["ubuntu"], check: ["root"], deny: ["postgres"] },
                // Posture attributes of the source device (https://tailscale.com/kb/1337/policy-syntax#srcpostureattrs-1).
                { src: "alice@example.com", dst: ["tag:db"], srcPostureAttrs: { "node:os": "linux", "node:tsAutoUpdate": false }, check: ["root"] },
            ],
        },
        invalid: [
            { name: "srcPostureAttrs value an object", policy: { sshTests: [{ src: "alice@example.com", dst: ["tag:db"], srcPostureAttrs: { "node:os": { name: "linux" } }, accept: ["root"] }] }, check: "wrong-type", at: '{\n          "name"', message: /^sshTests\[0\]\.srcPostureAttrs\["node:os"\]: must be a string, a number or a boolean, not an object$/ },
            { name: "group source", policy: { sshTests: [{ src: "group:eng", dst: ["tag:db"], accept: ["root"] }] }, check: "invalid-selector", at: '"group:eng"', after: '"sshTests"', message: /is a group, which is not allowed in an SSH test source/ },
            { name: "missing dst", policy: { sshTests: [{ src: "alice@example.com", accept: ["root"] }] }, check: "missing-field", at: "{\n      \"src\"", message: /is missing "dst"/ },
        ],
    },
];

for (const table of TABLES) {
    describe(`acl validation: ${table.section}`, () => {
        it("accepts documented-style entries without validation findings", () => {
            assert.deepEqual(validationFindings(table.valid), []);
        });
        for (const c of table.invalid) it(`reports ${c.check}: ${c.name}`, () => assertCase(c));
    });
}
