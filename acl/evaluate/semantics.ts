/**
 * SEMANTICS OF THE OFFLINE EVALUATOR, AND EVERY ASSUMPTION IT MAKES
 *
 * Sources: policy syntax https://tailscale.com/kb/1337/policy-syntax (acls, grants, tests, sshTests),
 * grants https://tailscale.com/kb/1324/grants, Tailscale SSH https://tailscale.com/kb/1193/tailscale-ssh.
 * Cross-checked against headscale's policy v2 tester (github.com/juanfont/headscale,
 * hscontrol/policy/v2/test.go and sshtest.go). Nothing here talks to Tailscale: there are no
 * devices, so the evaluator reasons about identities (users, tags) and addresses symbolically.
 *
 * Rules
 * - Access is deny-by-default and every rule only allows; no rule narrows another, so a
 *   connection is allowed when ANY rule in `acls` or `grants` matches (kb/1324, "grants explained").
 *   `decidedBy` reports the FIRST matching rule in file order (sections in the order they appear
 *   in the file, rules by index); another rule may allow the same connection too.
 * - `acls`: only action "accept" counts; legacy keys `users` (for src) and `ports` (for dst) are
 *   read when `src` / `dst` are absent. A destination is "target:ports" with ports "*", "22",
 *   "80,443" or "1000-2000"; IPv6 targets are bracketed, "[fd7a::1]:22". `proto` absent means
 *   TCP, UDP and ICMP (v4 and v6) — ASSUMPTION taken from headscale, which treats an empty proto
 *   as the client's default set; a named or numbered `proto` means only that protocol.
 * - `grants`: network access comes only from `ip`. "*" = every protocol and port; "443",
 *   "1-1024", "80,443" = those ports over the default set (TCP, UDP, ICMP); "tcp:443",
 *   "udp:53", "icmp:*", "6:22" = that protocol only. A grant with only `app` gives NO network
 *   access (kb/1324). `via` is IGNORED for reachability — ASSUMPTION: via chooses which router
 *   carries the traffic, it does not decide whether the source may reach the destination.
 * - Ports are checked for every protocol, also ICMP: a test of ICMP uses port 0, which only
 *   "*" (or a range including 0) covers (same as headscale's tester).
 * - Posture: see "Device posture" below. Rules with a posture gate are listed in
 *   PolicyEvaluator.postureGatedRules so a report can say which rules depend on posture.
 *
 * Selectors (https://tailscale.com/kb/1396/targets)
 * - "*" covers every source and every destination, including internet traffic through an exit
 *   node (a "*" destination expands to every address).
 * - A user login covers that user's (untagged) devices; a group covers each of its members.
 *   Group members that are not logins (no "@") are ignored; nested groups are not expanded
 *   (Tailscale does not allow them).
 * - A tag covers devices with that tag. ASSUMPTION: a tag principal is one device carrying that
 *   tag only; user selectors never cover tagged devices and tag selectors never cover users.
 * - Hosts, IPs, CIDRs, ranges and ipsets cover addresses: a principal address (a host alias or
 *   an IP/CIDR) is covered when its whole interval lies inside one selector interval.
 *   ASSUMPTION: identities (users, tags) have no known addresses offline, so address selectors
 *   never cover them, and identity selectors never cover a bare address (even 100.x.y.z).
 * - autogroup:member = any user identity (untagged device); autogroup:tagged = any tagged device;
 *   autogroup:self (destination) = the source user's own untagged devices, so it only matches
 *   when the source is that user; autogroup:internet (destination) = exit-node traffic: the query
 *   destination "autogroup:internet" or an address whose interval is entirely public unicast;
 *   autogroup:danger-all = "*".
 * - Role autogroups (autogroup:owner, admin, member-admin, it-admin, network-admin,
 *   billing-admin, auditor): the file cannot say who holds a role. ASSUMPTION: nobody does,
 *   unless EvaluatorOptions.roles lists the users per role. autogroup:shared matches nobody.
 *   A query about an autogroup itself ("can autogroup:member reach tag:x") matches only rules
 *   naming that autogroup (or "*").
 * - Unknown or undefined selectors (e.g. a group not defined under `groups`) cover nothing.
 *
 * Queries and tests
 * - A group source or destination must hold for EVERY member; an empty group reaches nothing.
 * - `tests` (kb/1337#tests): `src` is a user, group, tag, host alias or IP; each of `accept`
 *   (and the legacy `allow`) and `deny` lists "target:port" with ONE port. `proto` absent means
 *   TCP — ASSUMPTION (the documented default of the test's protocol; headscale instead accepts
 *   any of TCP/UDP/ICMP). Destinations may be tags, hosts, IPs (bracketed IPv6), users,
 *   groups or autogroups. An assertion that cannot be read (including a "*" or list port, which
 *   is not one port) is skipped and counted in `skipped`, never passed silently.
 * - Tailscale SSH (kb/1193): a rule matches when its src covers the source, its dst covers the
 *   destination (tags, users, groups, autogroup:self/member/tagged, hosts) and its `users` allow
 *   the local user ("root", a name, "autogroup:nonroot" = any name but root, or
 *   "localpart:*@domain" = the source login's local part when its domain matches). When several
 *   rules match, the MOST PERMISSIVE wins: accept beats check — ASSUMPTION (SSH rules only allow,
 *   like access rules; a check rule does not take away an accept). Network access to port 22 is
 *   NOT required in addition — ASSUMPTION, as headscale's SSH tester does.
 * - `sshTests` (kb/1337#ssh-tests): for each destination and each listed user, `accept` expects
 *   "accept" (no check), `check` expects "check", `deny` expects "deny". ASSUMPTION: the strict
 *   reading; headscale also lets a check rule satisfy `accept`. An sshTest whose src or dst is an
 *   address (a host alias or an IP) stands for the device at that address, whose tags and owner
 *   only the control server knows: it passes when the evaluator's answer matches, and is SKIPPED
 *   (not failed) when the answer falls short of accept, since a rule naming the device's tag or
 *   owner may still apply. Tailscale itself accepts such tests when that device qualifies
 *   (headscale's captured control-server answers, hscontrol/policy/v2/testdata/sshtest_results).
 *
 * Device posture (posture.ts; https://tailscale.com/kb/1288/device-posture, kb/1337#tests)
 * - A rule's gate is its own `srcPosture`, else the policy's `defaultSrcPosture`; the default is
 *   not added to a rule's own list, it is replaced (kb/1288 "Default source posture"). The gate
 *   admits a source when its attributes satisfy AT LEAST ONE listed posture, and a posture is
 *   satisfied when ALL its conditions hold (kb/1288 "Postures", "Posture conditions").
 * - Gates apply to `acls`, `grants` and `ssh` rules: the ssh section documents `srcPosture`
 *   (kb/1337#srcposture under Tailscale SSH). ASSUMPTION: `defaultSrcPosture` also applies to ssh
 *   rules without their own srcPosture — kb/1288 says it applies to "any access rules that do not
 *   have a posture condition" and does not exclude SSH access rules. Choosing the stricter reading
 *   means an sshTest expecting access fails offline rather than passing offline and failing in
 *   Tailscale; give the sshTest `srcPostureAttrs` (kb/1337#srcpostureattrs-1).
 * - ASSUMPTION: an own `srcPosture: []` (or an empty defaultSrcPosture) means no gate; a gate
 *   list that is not an array admits nobody; null counts as absent (as the validator reads it).
 *   Posture names not defined under `postures` never hold; a posture with no conditions holds for
 *   every source (vacuously), and one whose value is not a list never holds.
 * - Source attributes: a test's `srcPostureAttrs` (tests and sshTests, kb/1337), or
 *   QueryOptions.postureAttrs of canReach/sshAction. Without them the source has NO attributes,
 *   so gated rules do not match it — as Tailscale itself fails tests once defaultSrcPosture is
 *   set and the tests give no srcPostureAttrs (github.com/tailscale/tailscale/issues/16688).
 *   A test whose srcPostureAttrs is not an object of string/number/boolean values is skipped.
 * - Condition grammar: `attribute OP value` with OP one of ==, !=, <, <=, >, >=;
 *   `attribute IN [v, ...]`, `attribute NOT IN [v, ...]`; `attribute IS SET`, `attribute NOT SET`.
 *   Values are 'single-' or "double-quoted" strings (no escapes), numbers (70, 1.5) or true/false;
 *   an IN list holds at least one value.
 *   ASSUMPTION: the keywords IN, NOT IN, IS SET, NOT SET, true, false are case-insensitive (kb/1288
 *   itself writes both `IN [...]` and `ip:country in [...]`). ASSUMPTION: a bare attribute
 *   ("node:tsAutoUpdate", as in Tailscale's default policy template) means `attribute == true`.
 *   A condition that cannot be read never holds (it does not throw).
 * - Unset attributes: kb/1288 says a posture does not match a device lacking an attribute it
 *   names "irrespective of the operator", negative ones (!=, NOT IN) included. ASSUMPTION: IS SET
 *   and NOT SET are the exception — they test exactly whether the attribute is set, so NOT SET
 *   holds for an unset attribute (otherwise it could never hold).
 * - Equality (==, !=, IN, NOT IN) compares type and value exactly: "true" (a string) is not true,
 *   strings are case-sensitive. ASSUMPTION (the docs do not say).
 * - Ordering (<, <=, >, >=) is only for numbers and for the version attributes node:osVersion and
 *   node:tsVersion (kb/1288). Versions compare like Tailscale's cmpver (linked from kb/1288):
 *   alternating non-digit runs (as text) and digit runs (as numbers), so
 *   "1.80" < "1.80.2" < "1.100" and "1.80" < "1.80.0". ASSUMPTION: a version attribute given as a
 *   number, or an unquoted number literal, compares by its text; ordering anything else (a string
 *   custom attribute, a boolean, a number against a string) never holds.
 *
 * Access matrix (matrix.ts): built from the same reach()/ssh() calls. Ports are probed once per
 * segment between the port-range boundaries rules mention (exact, not sampled); protocols probed
 * are TCP, UDP, ICMP, ICMPv6, every protocol a rule names, and one unnamed protocol (253) that
 * stands for "any other". SSH is probed for root, every local user a rule names, and "other"
 * (a non-root account no rule names).
 */

/** The links the semantics above rely on, for messages and reports. */
export const SEMANTICS_SOURCES = [
    "https://tailscale.com/kb/1337/policy-syntax",
    "https://tailscale.com/kb/1324/grants",
    "https://tailscale.com/kb/1193/tailscale-ssh",
    "https://tailscale.com/kb/1288/device-posture",
] as const;
