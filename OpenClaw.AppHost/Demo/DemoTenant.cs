namespace OpenClaw.AppHost.Demo;

/// <summary>Where the local demo's operator signs in: the dashboard, and the demo tenant's key (local runs only).</summary>
/// <param name="DashboardUrl">The operator dashboard's sign-in page.</param>
/// <param name="ApiUrl">The API's base address.</param>
/// <param name="ApiKey">The demo tenant's key (read, write, admin); issued at every start, the previous one revoked.</param>
public sealed record DemoSignIn(Uri DashboardUrl, Uri ApiUrl, string ApiKey);

/// <summary>
/// The local demo tenant the AppHost provisions through the API (see <see cref="DemoProvisioner"/>): its id, its alert
/// channels at the simulator's chat receivers, and the sign-in once provisioning finished. A singleton of the AppHost,
/// so resource commands and the end-to-end test reach the same tenant.
/// </summary>
public sealed class DemoTenant
{
    /// <summary>The tenant that owns the demo shops.</summary>
    public const string TenantId = "demo-agency";

    /// <summary>The demo key's label (earlier keys with it are revoked at each start).</summary>
    public const string KeyName = "demo sign-in (local)";

    /// <summary>Signing secret of the simulator's chat robots (its default <c>Simulator:Chat:Secret</c>, a demo value).</summary>
    public const string ChatSecret = "openclaw-chat-secret";

    /// <summary>The simulator's shop (0-based, in <c>/_sim/shops</c> order) that gets a fault profile, so ops errors show.</summary>
    public const int FaultyShopIndex = 11;

    /// <summary>The simulator's shop that gets a policy violation once connected, so an alert fires and reaches the chat receivers.</summary>
    public const int ViolationShopIndex = 1;

    /// <summary>
    /// The demo's channels: one per chat receiver of the simulator, id → (API kind, receiver path; none for e-mail, which
    /// goes to the simulator's SMTP sink). The default routing sends every alert to every channel the tenant has.
    /// </summary>
    public static readonly IReadOnlyList<DemoChannel> Channels =
    [
        new("demo-wecom", "we_com", "wecom", "/_sim/chat/wecom/cgi-bin/webhook/send?key=demo"),
        new("demo-dingtalk", "ding_talk", "dingtalk", "/_sim/chat/dingtalk/robot/send?access_token=demo"),
        new("demo-feishu", "feishu", "feishu", "/_sim/chat/feishu/open-apis/bot/v2/hook/demo"),
        new("demo-slack", "slack", "slack", "/_sim/chat/slack/services/T/B/demo"),
        new("demo-webhook", "webhook", "webhook", "/_sim/chat/webhook/receive"),
        new("demo-email", "email", "email", null),
    ];

    private readonly TaskCompletionSource<DemoSignIn> signIn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the tenant, its channels and its shops are in place (faults if provisioning gave up).</summary>
    public Task<DemoSignIn> SignIn => signIn.Task;

    internal void Provisioned(DemoSignIn value) => signIn.TrySetResult(value);

    internal void Failed(Exception exception) => signIn.TrySetException(exception);
}

/// <summary>An alert channel of the demo tenant at one of the simulator's chat receivers.</summary>
/// <param name="ChannelId">Channel id in the API.</param>
/// <param name="Kind">The API's channel kind.</param>
/// <param name="Receiver">The simulator's receiver kind (<c>/_sim/chat/{receiver}/messages</c>).</param>
/// <param name="Path">The receiver's URL path on the simulator; null for e-mail (SMTP, address from <c>GET /_sim/chat/email/smtp</c>).</param>
public sealed record DemoChannel(string ChannelId, string Kind, string Receiver, string? Path);
