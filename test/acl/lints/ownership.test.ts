import { lintTable } from "./lintCases";

lintTable(
    "auto-approver-not-tag",
    [
        { name: "a group approves a route", policy: { autoApprovers: { routes: { "10.0.0.0/8": ["tag:router", "group:ops"] } } }, at: '"group:ops"', after: '"autoApprovers"', message: /^autoApprovers\.routes\["10\.0\.0\.0\/8"\]\[1\] lets "group:ops" advertise it without admin approval/ },
        { name: "a user approves exit nodes", policy: { autoApprovers: { exitNode: ["alice@example.com"] } }, at: '"alice@example.com"', after: '"autoApprovers"', message: /^autoApprovers\.exitNode\[0\] lets "alice@example.com"/ },
        { name: "members approve a service", policy: { autoApprovers: { services: { "svc:wiki": ["autogroup:member"] } } }, at: '"autogroup:member"', message: /^autoApprovers\.services\["svc:wiki"\]\[0\]/ },
    ],
    [{ name: "tags only", policy: { autoApprovers: { routes: { "10.0.0.0/8": ["tag:router"] }, exitNode: ["tag:router"] } } }],
);

lintTable(
    "tag-owner-too-broad",
    [{ name: "members own a tag", policy: { tagOwners: { "tag:db": ["autogroup:member"] } }, at: '"autogroup:member"', message: /^tagOwners\["tag:db"\] lists "autogroup:member"/ }],
    [{ name: "a group owns a tag", policy: { tagOwners: { "tag:db": ["group:ops"] } } }],
);
