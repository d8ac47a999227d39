import { lintTable } from "./lintCases";

const rule = (extra: Record<string, unknown>) => ({ ssh: [{ src: ["group:eng"], dst: ["tag:db"], ...extra }] });

lintTable(
    "ssh-nonroot-without-check",
    [{ name: "accept as any non-root account on servers", policy: rule({ action: "accept", users: ["autogroup:nonroot"] }), at: '"accept"', message: /^ssh\[0\] accepts SSH as any non-root account from "group:eng" without re-authentication; use "action": "check"/ }],
    [
        { name: "check mode", policy: rule({ action: "check", users: ["autogroup:nonroot"] }) },
        { name: "own devices only (the default policy)", policy: { ssh: [{ action: "accept", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot"] }] } },
        { name: "tag sources", policy: { ssh: [{ action: "accept", src: ["tag:web"], dst: ["tag:db"], users: ["autogroup:nonroot"] }] } },
        { name: "named accounts", policy: rule({ action: "accept", users: ["deploy"] }) },
    ],
);

lintTable(
    "ssh-check-period-too-long",
    [
        { name: "a day is over the 12h default", policy: rule({ action: "check", users: ["root"], checkPeriod: "24h" }), at: '"24h"', message: /^ssh\[0\] keeps an SSH check valid for checkPeriod "24h", longer than the 12h allowed; set "checkPeriod" to "12h" or less/ },
        { name: "minutes add up", policy: rule({ action: "check", users: ["root"], checkPeriod: "12h30m" }), at: '"12h30m"', message: /"12h30m", longer than the 12h allowed/ },
        { name: "configured 1h maximum", policy: rule({ action: "check", users: ["root"], checkPeriod: "2h" }), options: { maxCheckPeriodHours: 1 }, at: '"2h"', message: /longer than the 1h allowed; set "checkPeriod" to "1h"/ },
        { name: "the implicit default under a 4h maximum", policy: rule({ action: "check", users: ["root"] }), options: { maxCheckPeriodHours: 4 }, at: '"check"', message: /the default checkPeriod \(12h\), longer than the 4h allowed/ },
    ],
    [
        { name: "exactly 12h", policy: rule({ action: "check", users: ["root"], checkPeriod: "12h" }) },
        { name: "always", policy: rule({ action: "check", users: ["root"], checkPeriod: "always" }) },
        { name: "no period (12h default)", policy: rule({ action: "check", users: ["root"] }) },
        { name: "a day under a 48h maximum", policy: rule({ action: "check", users: ["root"], checkPeriod: "24h" }), options: { maxCheckPeriodHours: 48 } },
    ],
);

lintTable(
    "ssh-recorder-not-enforced",
    [{ name: "recorder without enforcement", policy: rule({ action: "check", users: ["root"], recorder: ["tag:rec"] }), at: '[\n        "tag:rec"', after: '"recorder"', message: /^ssh\[0\] records sessions but does not enforce it.*"enforceRecorder": true/ }],
    [
        { name: "enforced recorder", policy: rule({ action: "check", users: ["root"], recorder: ["tag:rec"], enforceRecorder: true }) },
        { name: "no recorder", policy: rule({ action: "check", users: ["root"] }) },
    ],
);

lintTable(
    "ssh-root-without-check",
    [{ name: "root accepted from a group", policy: rule({ action: "accept", users: ["root"] }), at: '"accept"', message: /^ssh\[0\] accepts SSH as root from "group:eng"/ }],
    [{ name: "root with check", policy: rule({ action: "check", users: ["root"] }) }],
);
