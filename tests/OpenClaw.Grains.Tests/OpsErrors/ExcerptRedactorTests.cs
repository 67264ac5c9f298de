using System.ComponentModel.DataAnnotations;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Grains.Tests.OpsErrors;

/// <summary>What an excerpt keeps and what it masks; the retention bounds an operator may set.</summary>
public sealed class ExcerptRedactorTests
{
    [Fact]
    public void Redact_TokensSecretsAndBuyerData_AreMaskedWhereverTheyAppear()
    {
        const string body = """
            {"code":0,"data":{"access_token":"ROW_at_123456","refresh_token":"ROW_rt_654321","seller_name":"Li Lei",
            "recipient_address":{"name":"张三","phone_number":"+86 138 0000 0000","full_address":"北京市朝阳区 1 号","postal_code":"100000"},
            "buyer_email":"zhang@example.com","order_id":"576461413038785752","status":"AWAITING_SHIPMENT"}}
            """;

        var redacted = ExcerptRedactor.Redact(body, 4096)!;

        foreach (var secret in new[] { "ROW_at_123456", "ROW_rt_654321", "Li Lei", "张三", "138 0000", "北京市", "100000", "zhang@example.com" })
        {
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }

        Assert.Contains("\"order_id\":\"576461413038785752\"", redacted, StringComparison.Ordinal);
        Assert.Contains("AWAITING_SHIPMENT", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_ValueCutByTheExcerptEnd_QueryAndHeaderForms_AreMasked()
    {
        Assert.Equal("{\"access_token\":\"***\"", ExcerptRedactor.Redact("{\"access_token\":\"ROW_at_1234", 100));
        Assert.Equal("GET /x?access_token=***&sign=***&page_size=5", ExcerptRedactor.Redact("GET /x?access_token=abc123&sign=deadbeef&page_size=5", 100));
        Assert.Equal("x-tts-access-token: ***", ExcerptRedactor.Redact("x-tts-access-token: ROW_at_1234", 100));
    }

    [Fact]
    public void Redact_AuthorizationAndCookieLines_AreMaskedToTheLineEnd()
    {
        var redacted = ExcerptRedactor.Redact("POST /x\nAuthorization: Bearer ROW_bearer_1\nCookie: sid=ROW_sid_2; theme=dark\n{\"Authorization\":\"Basic ROW_basic_3\",\"page_size\":5}", 500)!;

        Assert.Equal("POST /x\nAuthorization: ***\nCookie: ***\n{\"Authorization\":\"***\",\"page_size\":5}", redacted);
    }

    [Fact]
    public void RedactHeaders_CredentialHeadersMaskedWhole_OthersKept()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Retry-After"] = "2", ["Authorization"] = "Bearer ROW_1", ["x-tts-access-token"] = "ROW_2", ["Set-Cookie"] = "sid=ROW_3; Path=/",
            ["X-Api-Key"] = "ROW_4", ["X-Contact"] = "buyer@example.com", ["WWW-Authenticate"] = "Bearer error=\"invalid_token\"",
        };

        Assert.Equal(
            "Retry-After: 2\nAuthorization: ***\nx-tts-access-token: ***\nSet-Cookie: ***\nX-Api-Key: ***\nX-Contact: ***\nWWW-Authenticate: Bearer error=\"invalid_token\"",
            ExcerptRedactor.RedactHeaders(headers, 1000));
        Assert.Null(ExcerptRedactor.RedactHeaders(new Dictionary<string, string>(StringComparer.Ordinal), 1000));
    }

    [Fact]
    public void Redact_LongText_IsTruncatedToTheLimit()
    {
        var redacted = ExcerptRedactor.Redact(new string('a', 2000), 512)!;

        Assert.Equal(512, redacted.Length);
        Assert.EndsWith("…", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30.00:00:00", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("30.00:00:01", false)]
    [InlineData("00:30:00", false)]
    public void Options_Retention_IsAcceptedUpTo30Days(string retention, bool valid)
    {
        var options = new OpsErrorOptions { Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
