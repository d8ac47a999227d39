import * as fs from "fs";
import { analyzePolicy, parsePolicy } from "./acl";
const VAL = new Set(["undefined-reference","unknown-key","wrong-type","missing-field","invalid-value","invalid-selector","invalid-ports","invalid-protocol"]);
const groups: Record<string, string[]> = {};
for (const f of fs.readdirSync("/tmp/hs")) {
  const v = parsePolicy(fs.readFileSync("/tmp/hs/" + f, "utf8")).value as any; if (!v?.input?.full_policy) continue;
  if (v.input.api_response_code === 200) continue;
  const findings = analyzePolicy(typeof v.input.full_policy === "string" ? v.input.full_policy : JSON.stringify(v.input.full_policy, null, 1), f).filter(x => VAL.has(x.check));
  if (findings.length) continue;
  const m = String(v.input.api_response_body?.message ?? "").replace(/"[^"]*"/g, '"…"');
  (groups[m] ??= []).push(f.replace("hscontrol_policy_v2_testdata_", ""));
}
for (const [m, fs_] of Object.entries(groups).sort((a,b)=>b[1].length-a[1].length)) console.log(fs_.length, m, "|", fs_.slice(0,3).join(" "));
