using System.Net;
using OpenClaw.Grains.Notifications;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>The e-mail channel against a local SMTP sink, and the outbound-target guard.</summary>
public sealed class AlertEmailAndGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(NotificationLanguage.SimplifiedChinese, "OpenClaw：1 条告警通知", "退款率为 9.25%，高于阈值 8%", "小米旗舰店")]
    [InlineData(NotificationLanguage.English, "OpenClaw: 1 alert update(s)", "Refund rate is 9.25 %, above the threshold of 8 %", "Xiaomi Flagship Store")]
    public async Task Email_ThroughMailKit_ArrivesAtTheSimulatorsSmtpSink_InTheChannelsLanguage(NotificationLanguage language, string subject, string what, string shop)
    {
        await using var kit = NotificationTestKit.Create();
        await using var simulator = await SimulatorReceivers.StartAsync(kit.Time, Ct);
        var (host, port) = await simulator.SmtpAsync(Ct);
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Email, null!, language: language) with
        {
            Url = null,
            Email = new EmailSettings(host, port, SmtpSecurity.None, null, "alerts@openclaw.example", ["ops@agency.example", "boss@agency.example"]),
        };
        var notification = kit.Firing("7495000000000000001", shopName: shop);

        var result = await kit.Sender(NotificationChannelKind.Email).SendAsync(channel, kit.Message(channel, notification), Ct);

        Assert.Equal(ChannelSendOutcome.Delivered, result.Outcome);
        var received = Assert.Single((await simulator.InboxAsync("email", Ct)).Messages);
        Assert.Equal(notification.Id, received.RequestId);
        Assert.Equal("alerts@openclaw.example", received.Body.GetProperty("from").GetString());
        Assert.Equal(["ops@agency.example", "boss@agency.example"], received.Body.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(subject, received.Body.GetProperty("subject").GetString());
        Assert.Contains(what, received.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(shop, received.Body.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://dash.openclaw.example/app/shops/7495000000000000001/alerts/", received.Body.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_SinkBusy_IsRetriedLater_ThenArrivesOnce()
    {
        await using var kit = NotificationTestKit.Create();
        await using var simulator = await SimulatorReceivers.StartAsync(kit.Time, Ct);
        var (host, port) = await simulator.SmtpAsync(Ct);
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Email, null!) with
        {
            Url = null,
            Email = new EmailSettings(host, port, SmtpSecurity.None, null, "alerts@openclaw.example", ["ops@agency.example"]),
        };
        var message = kit.Message(channel, kit.Firing("7495000000000000001"));
        await simulator.FailAsync("email", "server_error", 1, Ct);

        var refused = await kit.Sender(NotificationChannelKind.Email).SendAsync(channel, message, Ct);
        var accepted = await kit.Sender(NotificationChannelKind.Email).SendAsync(channel, message, Ct);

        Assert.Equal(ChannelSendOutcome.Failed, refused.Outcome);
        Assert.Contains("SMTP 421", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ChannelSendOutcome.Delivered, accepted.Outcome);
        var inbox = await simulator.InboxAsync("email", Ct);
        Assert.Equal(1, inbox.Failed);
        Assert.Single(inbox.Messages);
    }

    [Theory]
    [InlineData("http://hooks.example.com/x", "https")]
    [InlineData("https://127.0.0.1/x", "loopback")]
    [InlineData("https://10.1.2.3/x", "private")]
    [InlineData("https://192.168.0.10/x", "private")]
    [InlineData("https://[::1]/x", "loopback")]
    [InlineData("https://localhost/x", "localhost")]
    public void Guard_RefusesPlainHttpAndInternalTargets(string url, string reason)
    {
        var problem = new OutboundTargetGuard(allowPrivateTargets: false).Problem(new Uri(url));

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Null(new OutboundTargetGuard(allowPrivateTargets: true).Problem(new Uri(url)));
        Assert.Null(new OutboundTargetGuard(allowPrivateTargets: false).Problem(new Uri("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")));
    }

    [Theory]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("203.0.113.7", false)]
    public void Guard_ClassifiesAddresses(string address, bool isInternal) =>
        Assert.Equal(isInternal, OutboundTargetGuard.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task Guard_AtConnectTime_RefusesALoopbackTarget_BeforeAnyRequestLeaves()
    {
        await using var kit = NotificationTestKit.Create(allowPrivateTargets: false);
        await using var receiver = await ChatReceiver.StartAsync(kit.Time);
        var channel = NotificationTestKit.Channel(NotificationChannelKind.Slack, new Uri(receiver.BaseUrl, "hook"));

        // Straight to the sender, past the URL check: the HttpClient's connect callback still refuses 127.0.0.1.
        var result = await kit.Sender(NotificationChannelKind.Slack).SendAsync(channel, kit.Message(channel, kit.Firing("shop-1")), Ct);

        Assert.Equal(ChannelSendOutcome.Failed, result.Outcome);
        Assert.Empty(receiver.Requests);
        Assert.Contains("https", (await kit.Get<NotificationChannelTester>().SendTestAsync(channel, Ct)).Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public void ChannelValidator_ExplainsEachProblem()
    {
        var guard = new OutboundTargetGuard(allowPrivateTargets: false);
        var bad = new NotificationChannel("t", "bad id!", NotificationChannelKind.Webhook, "x", NotificationLanguage.English, "Nowhere/City",
            new Uri("http://hooks.example.com/x"), null);

        var errors = NotificationChannelValidator.Validate(bad, guard);

        Assert.Equal(["channelId", "secret", "timeZone", "url"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
