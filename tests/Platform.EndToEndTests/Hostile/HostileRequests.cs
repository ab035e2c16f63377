using System.Text;
using System.Text.Json;
using CsCheck;

namespace Platform.EndToEndTests.Hostile;

/// <summary>A request as an attacker or a broken client sends it: any method, path, body bytes and headers.</summary>
public sealed record HostileRequest(HttpMethod Method, string Path, string? Body, string? ContentType = "application/json", string? IfMatch = null)
{
    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
        if (Body is not null && ContentType is not null)
            request.Content!.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        if (IfMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        return request;
    }

    /// <summary>Short enough for a failure message: a body of 300,000 characters is summarised.</summary>
    public override string ToString() =>
        $"{Method} {Truncate(Path)} If-Match={Truncate(IfMatch)} Content-Type={ContentType} body={Truncate(Body)}";

    private static string? Truncate(string? text) => text is { Length: > 200 } ? $"{text[..200]}… ({text.Length:N0} chars)" : text;
}

/// <summary>
/// Generators of hostile input (CsCheck): text of any characters, control characters and unusual Unicode, huge
/// strings; JSON of the wrong type, null, truncated, malformed or with duplicate keys; malformed ids and query strings.
/// </summary>
public static class HostileInput
{
    private static readonly string[] Oddities =
    [
        "\u0000", "\u0007", "\u202E", "\uFEFF", "\u200B", "😀", "\ud800", "\udfff", "Ω≈ç√∫", "ｆｕｌｌ", "\t\r\n", "'; DROP TABLE users; --",
        "<script>alert(1)</script>", "%00", "%", "../..", "${jndi:ldap://x}", "null", "-1", "1e309", "NaN", "2147483648",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-11-26T10:00:00+14:00",
    ];

    /// <summary>Any text: random characters (surrogates and controls included), oddities, and huge strings.</summary>
    public static readonly Gen<string> Text = Gen.OneOf<string>(
        Gen.String[Gen.Char, 0, 40],
        Gen.OneOf<string>(Oddities),
        Gen.Select(Gen.OneOf<string>(Oddities), Gen.String[Gen.Char.AlphaNumeric, 0, 20], (odd, plain) => plain + odd + plain),
        Gen.Int[1_000, 300_000].Select(length => new string('x', length)));

    /// <summary>Any JSON value, well formed: a string of any text, numbers out of every range, literals, arrays, objects.</summary>
    public static readonly Gen<string> JsonValue = Gen.OneOf<string>(
        Text.Select(text => JsonSerializer.Serialize(text)),
        Gen.Long.Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf<string>("null", "true", "false", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "1e400", "-0", "0.000000000000000000000000001",
            "\"2026-02-30T25:61:00Z\"", "\"00000000-0000-0000-0000-000000000000\""));

    /// <summary>
    /// A body for a command with <paramref name="fields"/> that the service must refuse, whatever the values: not JSON
    /// or not an object, <paramref name="valid"/> truncated, the first field of the wrong type, nulls, a field missing,
    /// or <paramref name="valid"/> with its first key given twice.
    /// </summary>
    public static Gen<string> RefusedBody(string valid, params string[] fields) => Gen.OneOf<string>(
        Gen.String[Gen.Char, 0, 60].Where(text => !text.TrimStart().StartsWith('{')),
        Gen.Int[0, valid.Length - 1].Select(cut => valid[..cut]),
        Gen.Select(JsonValue.Where(value => !value.StartsWith('"')), WellTyped(fields),
            (wrong, body) => body.Replace($"\"{fields[0]}\":\"", $"\"{fields[0]}\":{wrong},\"_\":\"")),
        Gen.Const(Object(fields.Select(field => (field, "null")))),
        Gen.Const(Object(fields.Skip(1).Select(field => (field, "\"x\"")))),
        Gen.Const(WithFirstKeyTwice(valid)));

    /// <summary>An object with every field a string of any text (which may happen to be valid).</summary>
    public static Gen<string> WellTyped(params string[] fields) =>
        Text.Array[fields.Length].Select(values => Object(fields.Zip(values, (field, value) => (field, JsonSerializer.Serialize(value)))));

    /// <summary>A path segment: an unknown id, junk, encoded oddities, a huge one.</summary>
    public static readonly Gen<string> Segment = Gen.OneOf<string>(
        Gen.Guid.Select(id => id.ToString()),
        Text.Where(text => text.Length is > 0 and < 2_000).Select(Escape),
        Gen.OneOf<string>("%00", "%ff", "..%2f..%2fetc%2fpasswd", "%252e%252e", "0", "-1", "99999999999999999999", "null", new string('9', 5_000)));

    /// <summary>A query string of known and unknown keys with any values.</summary>
    public static Gen<string> Query(params string[] keys) =>
        Gen.Select(Gen.OneOf<string>([.. keys, "_", "limit", "from"]), Text.Where(text => text.Length < 2_000), (key, value) => $"{key}={Escape(value)}")
            .Array[0, 4].Select(pairs => string.Join('&', pairs));

    /// <summary>An If-Match header value: what HTTP allows on the wire (visible ASCII), as junk or as an almost-valid tag.</summary>
    public static readonly Gen<string?> IfMatch = Gen.OneOf<string?>(
        Gen.Const((string?)null),
        Gen.String[Gen.Char[' ', '~'], 0, 80].Select(value => (string?)value),
        Gen.OneOf<string?>("*", "\"\"", "\"-1\"", "\"99999999999999999999\"", "W/\"1\"", "\"1\", \"2\"", "1"));

    /// <summary>Percent-encodes the text's UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it).</summary>
    public static string Escape(string text) => string.Concat(Encoding.UTF8.GetBytes(text)
        .Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}"));

    /// <summary>{"a":1,"b":2} as {"a":1,"a":1,"b":2}.</summary>
    private static string WithFirstKeyTwice(string valid)
    {
        var firstEnd = valid.IndexOf(',') is > 0 and var comma ? comma : valid.Length - 1;
        return "{" + valid[1..firstEnd] + "," + valid[1..];
    }

    private static string Object(IEnumerable<(string Field, string Json)> members) =>
        "{" + string.Join(',', members.Select(member => $"\"{member.Field}\":{member.Json}")) + "}";
}
