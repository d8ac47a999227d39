import * as assert from "assert";
import * as fs from "fs";
import { policiesReadmePath, renderPolicies, renderPoliciesMarkdown } from "../../cli/policiesCommand";
import { allRules } from "../../policies/rules";

describe("tailnet-guard policies (listing)", () => {
    it("lists every rule with its level, link, and each setting with its default, in text", () => {
        const text = renderPolicies("text");
        assert.match(text, new RegExp(`^tailnet-guard policy pack: ${allRules.length} policies$`, "m"));
        for (const rule of allRules) {
            assert.ok(text.includes(`  ${rule.name}  [${rule.enforcementLevel}, ${rule.severity}`), rule.name);
            assert.ok(text.includes(`see: ${rule.url}`), rule.name);
            for (const [key, property] of Object.entries(rule.config ?? {})) {
                assert.ok(text.includes(`config ${key} (`) && text.includes(`= ${JSON.stringify(property.default)}: ${property.description}`), `${rule.name}.${key}`);
            }
        }
        assert.match(text, /config maxDays \(integer; min 1; max 180\) = 90: /);
    });

    it("renders markdown with a summary row and a section per rule", () => {
        const markdown = renderPolicies("markdown");
        for (const rule of allRules) {
            assert.ok(markdown.includes(`| [${rule.name}](#${rule.name}) | ${rule.responsibility} | ${rule.enforcementLevel} |`), rule.name);
            assert.ok(markdown.includes(`\n### ${rule.name}\n`), rule.name);
        }
        assert.match(markdown, /\| `allowedRoles` \| string\[\] \| `\["none"\]` \| one of "none", "admin", "member" \|/);
    });

    it("policies/README.md is the generated listing (regenerate: node dist/cli/policiesCommand.js --write-readme)", () => {
        const committed = fs.readFileSync(policiesReadmePath(), "utf8");
        assert.ok(committed === renderPoliciesMarkdown(), "policies/README.md is out of date: run `npx tsc -p . && node dist/cli/policiesCommand.js --write-readme`");
    });
});
