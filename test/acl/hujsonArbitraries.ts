/**
 * Random HuJSON for the parser tests: values with random trivia (whitespace of every kind, line and
 * block comments) around every token, optional trailing commas, awkward keys and escapes, and
 * random corruptions of those, so error paths are exercised too.
 */
import fc from "fast-check";

/** Separators between tokens: JSON whitespace of every kind, comments, and mixtures. */
export const trivia = fc.array(
    fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\r", "// note\n", "// note\r\n", "//\r", "/* c */", "/* a\nb */", "/* a\r\nb */", "/* \r */", "/**/", "/* , ] } */", "// \" quote\n"),
    { maxLength: 3 },
).map((parts) => parts.join(""));

export const keyText = fc.oneof(
    fc.constantFrom("acls", "groups", "src", "dst", "a", "__proto__", "toString", "constructor", "0", "1", "", "a\"b", "tab\there", "é", "💥", "a\\b", "/*x*/", "//y"),
    fc.string({ maxLength: 6 }),
);

export const scalarText = fc.oneof(
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('"tag:db:5432"', '"a\\u0041\\n"', '"\\ud83d"', '"*"', '"/* not a comment */"', '"// nor this"', '"trailing,]"', '"\\\\"'),
    fc.constantFrom("0", "-0", "1", "-12.5e3", "1E+2", "0.5", "true", "false", "null", "12345678901234567890"),
);

export interface Rendered {
    text: string;
}

/** Random HuJSON: values with random trivia around every token and optional trailing commas. */
export const huJsonValue: fc.Memo<string> = fc.memo((depth) => {
    if (depth <= 1) return scalarText;
    const item = huJsonValue(depth - 1);
    const array = fc
        .tuple(fc.array(fc.tuple(trivia, item, trivia), { maxLength: 4 }), fc.boolean(), trivia)
        .map(([items, trailing, end]) => `[${items.map(([a, v, b]) => a + v + b).join(",")}${trailing && items.length > 0 ? "," : ""}${end}]`);
    const object = fc
        .tuple(fc.array(fc.tuple(trivia, keyText, trivia, trivia, item, trivia), { maxLength: 4 }), fc.boolean(), trivia)
        .map(
            ([members, trailing, end]) =>
                `{${members.map(([a, k, b, c, v, d]) => `${a}${JSON.stringify(k)}${b}:${c}${v}${d}`).join(",")}${trailing && members.length > 0 ? "," : ""}${end}}`,
        );
    return fc.oneof(scalarText, array, object);
});

export const policyObject = fc
    .tuple(trivia, fc.array(fc.tuple(trivia, keyText, trivia, huJsonValue(4), trivia), { maxLength: 5 }), fc.boolean(), trivia, trivia)
    .map(
        ([before, members, trailing, end, after]): Rendered => ({
            text: `${before}{${members.map(([a, k, b, v, c]) => `${a}${JSON.stringify(k)}${b}:${v}${c}`).join(",")}${
                trailing && members.length > 0 ? "," : ""
            }${end}}${after}`,
        }),
    );

/** A random edit: insert, delete or replace a short span, so the parsers' error paths are compared too. */
export const corrupted = fc
    .tuple(policyObject, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom("", ",", ",,", "/", "/*", "*/", '"', "\n", "{", "]", "\uFEFF", "\u000b", "x", "1."))
    .map(([rendered, at, remove, insert]): Rendered => {
        const offset = rendered.text.length === 0 ? 0 : at % rendered.text.length;
        return { text: rendered.text.slice(0, offset) + insert + rendered.text.slice(offset + remove) };
    });
