using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Tests.Contract;

/// <summary>Moves the simulated clock past token lifetimes, so it uses its own simulator instead of the shared one.</summary>
public sealed class TokenLifetimeContractTests : IAsyncLifetime
{
    private readonly SimulatorFixture _sim = SimulatorFixture.WithSettings(
        "--Simulator:AccessTokenLifetimeSeconds=600", "--Simulator:RefreshTokenLifetimeSeconds=3600");

    public ValueTask InitializeAsync() => _sim.InitializeAsync();

    public ValueTask DisposeAsync() => _sim.DisposeAsync();

    [Fact]
    public async Task Lifetimes_are_absolute_expiry_times_and_running_past_them_gives_105002_then_36004001()
    {
        var (shop, grant) = await _sim.ConnectAsync(0);
        var client = _sim.Client();
        var auth = _sim.Auth();

        // Expiry fields are absolute instants: the refresh token outlives the access token by the configured gap.
        Assert.Equal(TimeSpan.FromSeconds(3000), grant.RefreshTokenExpiresAt - grant.AccessTokenExpiresAt);

        await _sim.PostAsync("/_sim/clock/advance", new { seconds = 900 });
        var accessExpired = await client.Fulfillment.ListWarehousesAsync(shop, cancellationToken: TestContext.Current.CancellationToken);
        var refreshed = (await auth.RefreshAsync(grant.RefreshToken, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var recovered = await client.Fulfillment.ListWarehousesAsync(shop.WithAccessToken(refreshed.AccessToken), cancellationToken: TestContext.Current.CancellationToken);

        await _sim.PostAsync("/_sim/clock/advance", new { seconds = 7200 });
        var refreshExpired = await auth.RefreshAsync(refreshed.RefreshToken, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(105002, accessExpired.Error!.Code);
        Assert.True(recovered.IsSuccess);
        Assert.Equal(36004001, refreshExpired.Error!.Code);
        Assert.Equal(OpenClawReaction.Reauthorize, refreshExpired.Error.Entry.Reaction);
    }
}
