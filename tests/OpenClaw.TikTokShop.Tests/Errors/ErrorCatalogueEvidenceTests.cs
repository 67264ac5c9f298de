using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Tests.Errors;

/// <summary>Code, HTTP status, message and headers classified together (issue 15: sellers' own failed calls).</summary>
public sealed class ErrorCatalogueEvidenceTests
{
    public static readonly TheoryData<int?, int?, string, string?, string> Cases = new()
    {
        // A 429 that says the token expired is the auth problem, not a rate limit.
        { null, 429, "access token expired", null, "105002" },
        { null, 429, "Access_Token has expired, please refresh", null, "105002" },
        { 36009002, 429, "Too many requests: the token is expired", null, "105002" },
        { null, 503, "expired refresh token", null, "36004001" },
        { null, 429, "Invalid access token", null, "101000" },
        { 77777777, 400, "token revoked by the seller", null, "101000" },
        { null, 429, "slow down", "Bearer error=\"invalid_token\", error_description=\"The access token expired\"", "105002" },
        { null, 502, "Bad gateway", "Bearer realm=\"tts\"", "101000" },
        // Without auth words the code and status decide as before.
        { null, 429, "Too many requests", null, "http_429" },
        { 36009002, 429, "Too many requests for this shop", null, "36009002" },
        { 36009003, 500, "internal error", null, "36009003" },
        { null, 503, "overloaded", null, "http_503" },
        { 77777777, 400, "something new", null, "unknown_code" },
        // A known code of another category keeps its meaning whatever the words.
        { 106001, 401, "invalid signature; token expired?", null, "106001" },
        { 36009004, 400, "invalid page_token expired", null, "36009004:param" },
        { 105005, 403, "scope missing for this token, token invalid", null, "105005" },
        // No answer at all.
        { null, null, "The operation timed out", null, "timeout" },
        { null, null, "connection refused", null, "network" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_CodeStatusMessageAndHeadersTogether_GiveTheEntry(int? code, int? status, string message, string? challenge, string expected)
    {
        var headers = challenge is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["www-authenticate"] = challenge, ["Retry-After"] = "3" };

        Assert.Equal(expected, ErrorCatalogue.Resolve(code, status, message, headers).Key);
    }

    [Fact]
    public void Resolve_WithoutHeaders_IsTheSameAsTheThreeArgumentForm()
    {
        foreach (var (code, status, message) in new (int?, int?, string)[] { (null, 429, "access token expired"), (36009004, 400, "timestamp"), (null, 404, "") })
        {
            Assert.Same(ErrorCatalogue.Resolve(code, status, message, null), ErrorCatalogue.Resolve(code, status, message));
        }
    }
}
