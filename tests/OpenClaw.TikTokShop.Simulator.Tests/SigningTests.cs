using System.Text;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class SigningTests : ConnectedSimulatorTest
{
    [Theory]
    [InlineData("e59af819cc", "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")]
    [InlineData("app_secret", "/test-api", "foo=bar", "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f")]
    public void Published_test_vectors_are_reproduced_by_the_test_signer_and_the_simulator(string secret, string path, string query, string expected)
    {
        var pairs = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, TestSigner.Sign(secret, path, pairs, ""));
        Assert.Equal(expected, RequestSignature.Compute(secret, path, pairs, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public async Task A_correctly_signed_request_with_a_body_is_accepted()
    {
        var response = await Session.PostAsync("/order/202309/orders/search", new { order_status = "COMPLETED" }, new Dictionary<string, string> { ["page_size"] = "5" });
        Assert.Equal(0, response.Code);
        Assert.Equal(34, response.RequestId.Length);
        Assert.StartsWith(DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), response.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_rejected_as_invalid_sign()
    {
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{\"order_status\":\"COMPLETED\"}",
            Session.AccessToken, bodyAfterSigning: "{\"order_status\": \"COMPLETED\"}");
        Assert.Equal(401, (int)response.Status);
        Assert.Equal(106001, response.Code);
    }

    [Fact]
    public async Task An_upper_case_hex_signature_is_rejected()
    {
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{}", Session.AccessToken, tamperSign: s => s.ToUpperInvariant());
        Assert.Equal(106001, response.Code);
    }

    [Fact]
    public async Task A_missing_sign_or_wrong_app_key_is_an_invalid_request()
    {
        var unsigned = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{}", Session.AccessToken, tamperSign: _ => "");
        Assert.Equal((400, 36009004), ((int)unsigned.Status, unsigned.Code));
        Assert.Contains("sign", unsigned.Message, StringComparison.Ordinal);

        var q = Query();
        q["app_key"] = "someone-else";
        var wrongKey = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", q, "{}", Session.AccessToken);
        Assert.Equal(36009004, wrongKey.Code);
        Assert.Contains("app_key", wrongKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_in_the_query_is_not_part_of_the_signature()
    {
        var q = Query();
        q["access_token"] = Session.AccessToken;
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", q, "{}", Session.AccessToken);
        Assert.Equal(0, response.Code);
    }

    [Theory]
    [InlineData(-299, 0)]
    [InlineData(25, 0)]
    [InlineData(-310, 36009004)]
    [InlineData(40, 36009004)]
    public async Task The_timestamp_must_be_within_five_minutes_before_and_thirty_seconds_after_real_time(int offsetSeconds, int expectedCode)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds;
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{}", Session.AccessToken, timestamp);
        Assert.Equal(expectedCode, response.Code);
    }

    [Fact]
    public async Task A_millisecond_timestamp_is_outside_the_window()
    {
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{}", Session.AccessToken,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(36009004, response.Code);
        Assert.Contains("timestamp", response.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Query() => new() { ["page_size"] = "5", ["shop_cipher"] = Session.Shop.Cipher };
}
