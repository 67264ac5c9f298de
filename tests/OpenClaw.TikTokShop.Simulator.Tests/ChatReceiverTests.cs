using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>The chat receivers check what the real services check, drop repeated webhook ids, and answer rate limits on demand.</summary>
public sealed class ChatReceiverTests : IAsyncLifetime
{
    private const string Secret = "openclaw-chat-secret";
    private SimulatorHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignedWebhook_BadSignatureOrStaleTime_Refused_RepeatedId_RecordedOnce()
    {
        const string Body = """{"id":"n-1","type":"alert.notification","alerts":[]}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(Body, now, Sign(Secret, now, Body), "n-1"));
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(Body, now, Sign(Secret, now, Body), "n-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostWebhookAsync(Body, now, Sign("another-secret", now, Body), "n-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostWebhookAsync(Body, now - 301, Sign(Secret, now - 301, Body), "n-3"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostWebhookAsync(Body + " ", now, Sign(Secret, now, Body), "n-4"));

        var inbox = await _host.AdminAsync(HttpMethod.Get, "/_sim/chat/webhook/messages");
        Assert.Equal("n-1", Assert.Single(inbox.GetProperty("messages").EnumerateArray()).GetProperty("request_id").GetString());
        Assert.Equal(1, inbox.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, inbox.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task WeCom_RateLimitOnDemand_AnswersErrcode45009_ThenAcceptsAgain_AndRefusesOversizedContent()
    {
        await _host.AdminAsync(HttpMethod.Post, "/_sim/chat/wecom/fail", new { mode = "rate_limit", count = 1 });
        var message = JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { content = "**告警** 店铺授权已失效" } });

        Assert.Equal(45009, await PostWeComAsync(message));
        Assert.Equal(0, await PostWeComAsync(message));
        Assert.Equal(40058, await PostWeComAsync(JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { content = new string('告', 1400) } })));

        var inbox = await _host.AdminAsync(HttpMethod.Get, "/_sim/chat/wecom/messages");
        Assert.Single(inbox.GetProperty("messages").EnumerateArray());
        Assert.Equal(1, inbox.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task DingTalk_WrongSign_Answers310000_RightSign_Accepted()
    {
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(ms + "\n" + Secret)));
        var body = JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { title = "t", text = "x" } });

        Assert.Equal(310000, await PostDingTalkAsync(ms, Convert.ToBase64String(new byte[32]), body));
        Assert.Equal(0, await PostDingTalkAsync(ms, sign, body));
    }

    private async Task<HttpStatusCode> PostWebhookAsync(string body, long timestamp, string signature, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_sim/chat/webhook/receive") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-OpenClaw-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-OpenClaw-Signature", signature);
        request.Headers.Add("X-OpenClaw-Request-Id", requestId);
        using var response = await _host.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<long> PostWeComAsync(string body)
    {
        using var response = await _host.Http.PostAsync("/_sim/chat/wecom/cgi-bin/webhook/send?key=robot", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errcode").GetInt64();
    }

    private async Task<long> PostDingTalkAsync(string timestamp, string sign, string body)
    {
        var path = $"/_sim/chat/dingtalk/robot/send?access_token=t&timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
        using var response = await _host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errcode").GetInt64();
    }

    private static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));
}
