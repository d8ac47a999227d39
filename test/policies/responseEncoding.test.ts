/** policies/responseEncoding.ts: a response with pre-encoded not-applicable entries is byte-for-byte google-protobuf's encoding. */
import * as assert from "assert";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { reusingEntryEncoding } from "../../policies/responseEncoding";

function entry(name: string, reason: string): analyzer.PolicyNotApplicable {
    const e = new analyzer.PolicyNotApplicable();
    e.setPolicyName(name);
    e.setReason(reason);
    return e;
}

function diagnostic(policy: string, message: string): analyzer.AnalyzeDiagnostic {
    const d = new analyzer.AnalyzeDiagnostic();
    d.setPolicyname(policy);
    d.setPolicypackname("tailnet-guard");
    d.setMessage(message);
    d.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
    d.setUrn("urn:pulumi:dev::p::tailscale:index/acl:Acl::policy");
    return d;
}

const plain = (response: unknown) => Buffer.from((response as analyzer.AnalyzeResponse).serializeBinary());
const encodeAlone = (e: unknown) => {
    const response = new analyzer.AnalyzeResponse();
    response.setNotApplicableList([e as analyzer.PolicyNotApplicable]);
    return response.serializeBinary();
};

describe("responseEncoding: reused not-applicable entries", () => {
    const serialize = reusingEntryEncoding(plain, encodeAlone);
    const shared = [entry("tailnet-key-expiry", "Policy only applies to resources of type 'tailscale:index/tailnetSettings:TailnetSettings'"), entry("dns-nameservers-encrypted", "Policy only applies to resources of types 'a', 'b'")];

    it("encodes a response with diagnostics and entries exactly as google-protobuf does, and leaves the message as it was", () => {
        const response = new analyzer.AnalyzeResponse();
        response.setDiagnosticsList([diagnostic("policy-file-tests-pass", "1 test failed: \u00e9\u4e2d"), diagnostic("policy-file-schema", "x".repeat(300))]);
        response.setNotApplicableList([...shared, entry("fresh", "")]);
        const expected = plain(response);
        assert.deepStrictEqual(serialize(response), expected);
        assert.deepStrictEqual(serialize(response), expected, "a second encoding (entries now cached) differs");
        assert.strictEqual(response.getNotApplicableList().length, 3);
        const decoded = analyzer.AnalyzeResponse.deserializeBinary(serialize(response));
        assert.deepStrictEqual(decoded.toObject(), response.toObject());
    });

    it("encodes responses without entries, and empty responses, unchanged", () => {
        const onlyDiagnostics = new analyzer.AnalyzeResponse();
        onlyDiagnostics.setDiagnosticsList([diagnostic("webhook-https", "http://")]);
        assert.deepStrictEqual(serialize(onlyDiagnostics), plain(onlyDiagnostics));
        const empty = new analyzer.AnalyzeResponse();
        assert.deepStrictEqual(serialize(empty), plain(empty));
    });

    it("the same entry objects in many responses give the same bytes as fresh ones", () => {
        for (let i = 0; i < 3; i += 1) {
            const response = new analyzer.AnalyzeResponse();
            response.setNotApplicableList(i === 1 ? [] : [...shared]);
            assert.deepStrictEqual(serialize(response), plain(response));
        }
    });
});
