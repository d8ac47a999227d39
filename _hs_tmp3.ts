import * as fs from "fs";
import { analyzePolicy, parsePolicy } from "./acl";
const VAL = new Set(["undefined-reference","unknown-key","wrong-type","missing-field","invalid-value","invalid-selector","invalid-ports","invalid-protocol"]);
for (const f of fs.readdirSync("/tmp/hs")) {
  const v = parsePolicy(fs.readFileSync("/tmp/hs/" + f, "utf8")).value as any; if (!v?.input?.full_policy) continue;
  if (v.input.api_response_code !== 200) continue;
  const text = typeof v.input.full_policy === "string" ? v.input.full_policy : JSON.stringify(v.input.full_policy);
  const findings = analyzePolicy(text, f).filter(x => VAL.has(x.check));
  if (findings.length) console.log(f.replace("hscontrol_policy_v2_testdata_", ""), "|", v.description, "|", findings.map(x => x.message).join(" ;; ").slice(0, 300));
}
