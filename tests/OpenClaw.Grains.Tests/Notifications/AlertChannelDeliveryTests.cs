using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenClaw.Grains.Notifications;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>Each channel's exact request against a real local Kestrel receiver; signatures re-computed here from the services' documented recipes.</summary>
public sealed class AlertChannelDeliveryTests : IAsyncLifetime
{
    private const string Shop = "7495000000000000001";
    private NotificationTestKit _kit = null!;
    private ChatReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _kit = NotificationTestKit.Create();
        _receiver = await ChatReceiver.StartAsync(_kit.Time);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _kit.DisposeAsync();
    }

    private async Task<(ChannelSendResult Result, ReceivedRequest Request, JsonNode Body)> SendAsync(NotificationChannel channel)
    {
        var result = await _kit.Sender(channel.Kind).SendAsync(channel, _kit.Message(channel, _kit.Firing(Shop)), Ct);
        var request = Assert.Single(_receiver.Requests);
        return (result, request, JsonNode.Parse(request.Body)!);
    }

    [Fact]
    public async Task WeCom_PostsMarkdownInChinese_ToTheRobotUrl()
    {
        var channel = NotificationTestKit.Channel(NotificationChannelKind.WeCom, new Uri(_receiver.BaseUrl, "cgi-bin/webhook/send?key=robot-key-1"));

        var (result, request, body) = await SendAsync(channel);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        Assert.Equal(("POST", "/cgi-bin/webhook/send?key=robot-key-1"), (request.Method, request.PathAndQuery));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)body["msgtype"]);
        var content = (string)body["markdown"]!["content"]!;
        Assert.Contains("【告警】退款率", content, StringComparison.Ordinal);
        Assert.Contains("> **店铺**: 小米旗舰店（7495000000000000001）", content, StringComparison.Ordinal);
        Assert.Contains("退款率为 9.25%，高于阈值 8%", content, StringComparison.Ordinal);
        Assert.Contains("> **级别**: 严重", content, StringComparison.Ordinal);
        Assert.Contains("> **开始时间**: 2026-03-02 09:00（UTC+08:00）", content, StringComparison.Ordinal);
        Assert.Matches(@"\[在控制台查看\]\(https://dash\.openclaw\.example/app/shops/7495000000000000001/alerts/[0-9a-f]{32}\)", content);
        Assert.True(Encoding.UTF8.GetByteCount(content) <= 4096);
    }

    [Fact]
    public async Task DingTalk_SignsTimestampNewlineSecret_InTheQuery()
    {
        const string secret = "SECb3f1e0c1a9d84e2f";
        var channel = NotificationTestKit.Channel(NotificationChannelKind.DingTalk, new Uri(_receiver.BaseUrl, "robot/send?access_token=tok"), secret);

        var (result, request, body) = await SendAsync(channel);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(_receiver.BaseUrl, request.PathAndQuery).Query);
        Assert.Equal("tok", query["access_token"]);
        var timestamp = long.Parse(query["timestamp"]!, CultureInfo.InvariantCulture);
        Assert.Equal(_kit.Time.GetUtcNow().ToUnixTimeMilliseconds(), timestamp);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        Assert.Equal(expected, query["sign"]);
        Assert.DoesNotContain('+', request.PathAndQuery.Split("sign=")[1]); // URL-encoded
        Assert.Equal("markdown", (string?)body["msgtype"]);
        Assert.Contains("退款率", (string)body["markdown"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("OpenClaw：1 条告警通知", (string?)body["markdown"]!["title"]);
    }

    [Fact]
    public async Task Feishu_SignsWithTimestampNewlineSecretAsKey_InTheBody_English()
    {
        const string secret = "feishu-secret-9";
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Feishu, new Uri(_receiver.BaseUrl, "open-apis/bot/v2/hook/abc"), secret,
            NotificationLanguage.English);

        var (result, request, body) = await SendAsync(channel);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        Assert.Equal("/open-apis/bot/v2/hook/abc", request.PathAndQuery);
        var timestamp = (string)body["timestamp"]!;
        Assert.Equal(_kit.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}"), Array.Empty<byte>()));
        Assert.Equal(expected, (string?)body["sign"]);
        Assert.Equal("post", (string?)body["msg_type"]);
        var post = body["content"]!["post"]!["en_us"]!;
        Assert.Equal("OpenClaw: 1 alert update(s)", (string?)post["title"]);
        var texts = post["content"]!.AsArray().SelectMany(p => p!.AsArray()).Select(e => (string?)e!["text"]).ToList();
        Assert.Contains("FIRING · Refund rate", texts);
        Assert.Contains("What: Refund rate is 9.25 %, above the threshold of 8 %", texts);
        Assert.Contains(post["content"]!.AsArray().SelectMany(p => p!.AsArray()), e => (string?)e!["tag"] == "a"
            && ((string)e["href"]!).StartsWith("https://dash.openclaw.example/app/shops/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_PostsMrkdwnWithDashboardLink()
    {
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Slack, new Uri(_receiver.BaseUrl, "services/T0/B0/XYZ"), language: NotificationLanguage.English);
        _receiver.Answer = _ => (200, "ok", null);

        var (result, request, body) = await SendAsync(channel);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        Assert.Equal("/services/T0/B0/XYZ", request.PathAndQuery);
        var text = (string)body["text"]!;
        Assert.Contains("*FIRING · Refund rate*", text, StringComparison.Ordinal);
        Assert.Contains("*Since:* 2026-03-02 09:00 (UTC+08:00)", text, StringComparison.Ordinal);
        Assert.Matches(@"<https://dash\.openclaw\.example/app/shops/7495000000000000001/alerts/[0-9a-f]{32}\|Open in dashboard>", text);
    }

    [Fact]
    public async Task Webhook_SignsTimestampDotBody_CarriesRequestIdAndIsoTimesWithOffset()
    {
        const string secret = "whsec_4f1c";
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Webhook, new Uri(_receiver.BaseUrl, "hooks/openclaw"), secret);
        var notification = _kit.Firing(Shop);

        var result = await _kit.Sender(channel.Kind).SendAsync(channel, _kit.Message(channel, notification), Ct);
        var request = Assert.Single(_receiver.Requests);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        Assert.Equal(notification.Id, request.Headers["X-OpenClaw-Request-Id"]);
        var timestamp = request.Headers["X-OpenClaw-Timestamp"];
        Assert.Equal(_kit.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + request.Body)));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-OpenClaw-Signature"])));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(notification.Id, (string?)body["id"]);
        Assert.Equal("alert.notification", (string?)body["type"]);
        var iso = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$");
        Assert.Matches(iso, (string)body["created_at"]!);
        var alert = body["alerts"]![0]!;
        Assert.Matches(iso, (string)alert["active_since"]!);
        Assert.Equal(("firing", "critical", 9.25), ((string?)alert["status"], (string?)alert["severity"], (double)alert["value"]!));
        Assert.Equal(Shop, (string?)alert["labels"]!["shop"]);
    }

    [Theory]
    [InlineData(NotificationChannelKind.WeCom, 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", null, ChannelSendOutcome.RateLimited)]
    [InlineData(NotificationChannelKind.DingTalk, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", null, ChannelSendOutcome.RateLimited)]
    [InlineData(NotificationChannelKind.DingTalk, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", null, ChannelSendOutcome.Failed)]
    [InlineData(NotificationChannelKind.Feishu, 200, "{\"code\":11232,\"msg\":\"frequency limited\"}", null, ChannelSendOutcome.RateLimited)]
    [InlineData(NotificationChannelKind.Feishu, 200, "{\"code\":19021,\"msg\":\"sign match fail\"}", null, ChannelSendOutcome.Failed)]
    [InlineData(NotificationChannelKind.Slack, 429, "rate_limited", 7, ChannelSendOutcome.RateLimited)]
    [InlineData(NotificationChannelKind.Slack, 404, "no_service", null, ChannelSendOutcome.Failed)]
    [InlineData(NotificationChannelKind.Webhook, 503, "down", null, ChannelSendOutcome.Failed)]
    public async Task ServiceAnswers_AreClassified(NotificationChannelKind kind, int status, string answer, int? retryAfter, ChannelSendOutcome expected)
    {
        _receiver.Answer = _ => (status, answer, retryAfter);
        var channel = NotificationTestKit.Channel(kind, new Uri(_receiver.BaseUrl, "hook"), "secret");

        var (result, _, _) = await SendAsync(channel);

        Assert.Equal(expected, result.Outcome);
        if (retryAfter is { } seconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), result.RetryAfter);
        }
    }

    [Fact]
    public async Task SendTest_GoesStraightToTheChannel_InItsLanguage()
    {
        var channel = NotificationTestKit.Channel(NotificationChannelKind.WeCom, new Uri(_receiver.BaseUrl, "send?key=k"));

        var result = await _kit.Get<NotificationChannelTester>().SendTestAsync(channel, Ct);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        Assert.Contains("这是一条来自 OpenClaw 的测试消息", Assert.Single(_receiver.Requests).Body, StringComparison.Ordinal);
    }
}
