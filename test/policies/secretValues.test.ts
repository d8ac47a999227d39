import * as assert from "assert";
import { wireSecret } from "../../cli/wire";
import { forgetSecrets, redactSecrets, rememberSecrets, secretsOf, secretStringsOf } from "../../policies/secretValues";

describe("policies/secretValues", () => {
    it("finds every string inside secret wrappers, nested or not, and nothing outside them", () => {
        const props = { a: wireSecret("alpha-secret"), b: { c: [wireSecret({ d: "delta-secret", n: 12345 })] }, plain: "visible", short: wireSecret("ab") };
        assert.deepStrictEqual(secretStringsOf(props).sort(), ["12345", "alpha-secret", "delta-secret"]);
    });

    it("redacts longest secrets first", () => {
        assert.strictEqual(redactSecrets("token abc-123-xyz and abc-123", ["abc-123", "abc-123-xyz"]), "token [secret] and [secret]");
    });

    it("keeps a URN's secrets until its last call in flight ends", () => {
        rememberSecrets("urn:a", ["one-secret"]);
        rememberSecrets("urn:a", ["two-secret"]);
        forgetSecrets("urn:a");
        assert.deepStrictEqual(secretsOf(["urn:a"]).sort(), ["one-secret", "two-secret"]);
        forgetSecrets("urn:a");
        assert.deepStrictEqual(secretsOf(["urn:a"]), []);
    });
});
