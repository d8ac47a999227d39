import * as fs from "fs";
import { analyzePolicy, parsePolicy } from "./acl";
const VAL = new Set(["undefined-reference","unknown-key","wrong-type","missing-field","invalid-value","invalid-selector","invalid-ports","invalid-protocol"]);
let ok = 0, okFlagged = 0, bad = 0, badFlagged = 0;
const fp: Record<string, number> = {}; const fn: string[] = [];
for (const f of fs.readdirSync("/tmp/hs")) {
  const p = parsePolicy(fs.readFileSync("/tmp/hs/" + f, "utf8"));
  const v = p.value as any; if (!v?.input?.full_policy) continue;
  const code = v.input.api_response_code;
  const findings = analyzePolicy(typeof v.input.full_policy === "string" ? v.input.full_policy : JSON.stringify(v.input.full_policy, null, 1), f).filter(x => VAL.has(x.check));
  if (code === 200) { ok++; if (findings.length) { okFlagged++; for (const x of findings) { const k = x.check + " " + x.message.replace(/^[^ ]+ /, "").slice(0, 110); fp[k] = (fp[k] ?? 0) + 1; } } }
  else { bad++; if (findings.length) badFlagged++; else fn.push(`${f}: ${JSON.stringify(v.input.api_response_body ?? v.error ?? "").slice(0,200)}`); }
}
console.log({ ok, okFlagged, bad, badFlagged });
for (const [k, n] of Object.entries(fp).sort((a,b)=>b[1]-a[1]).slice(0, 40)) console.log(n, k);
console.log("--- rejected but not flagged:"); for (const x of fn.slice(0, 40)) console.log(x);
