using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Errors;

namespace OpenClaw.TikTokShop.Tests.Contract;

[Collection(SimulatorGroup.Name)]
public sealed class ErrorContractTests(SimulatorFixture sim) : IAsyncLifetime
{
    private ShopAccess _shop = null!;

    public async ValueTask InitializeAsync()
    {
        await sim.ClearFaultsAsync();
        (_shop, _) = await sim.ConnectAsync(1);
    }

    public async ValueTask DisposeAsync() => await sim.ClearFaultsAsync();

    public static TheoryData<int> ApiCodes()
    {
        var data = new TheoryData<int>();
        foreach (var row in ErrorCatalogueTests.ContractCodes)
        {
            var code = row.Data.Item1;
            if (code is not (36004004 or 36004001 or 36004005))
            {
                data.Add(code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiCodes))]
    public async Task Every_listed_api_code_from_the_simulator_becomes_its_typed_error(int code)
    {
        // Enough injected answers to outlast every retry, so the code surfaces either way.
        await sim.FaultAsync(new { kind = "error", code, count = 10, path_prefix = "/logistics/", shop_id = _shop.ShopId });
        var client = sim.Client(o => o.MaxRetries = 1);

        var result = await client.Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(code, result.Error!.Code);
        var entry = ErrorCatalogue.Resolve(code, result.Error.HttpStatus, result.Error.Message);
        Assert.Equal(entry, result.Error.Entry);
        Assert.Equal(entry.HttpStatus, result.Error.HttpStatus);
        Assert.Equal(entry.Retryable ? 1 : 0, result.RetryCount);
        Assert.Matches("^[0-9]{14}", result.Error.RequestId);
    }

    [Fact]
    public async Task A_wrong_app_secret_is_an_invalid_signature()
    {
        var result = await sim.Client(o => o.AppSecret = "wrong-secret").Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(106001, result.Error!.Code);
        Assert.False(result.Error.IsRetryable);
    }

    [Fact]
    public async Task A_wrong_app_key_is_the_app_key_branch_of_36009004()
    {
        var result = await sim.Client(o => o.AppKey = "wrong-key").Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("36009004:app_key", result.Error!.Entry.Key);
    }

    [Fact]
    public async Task A_missing_cipher_on_a_shop_path_is_106013()
    {
        var result = await sim.Client().Fulfillment.ListWarehousesAsync(_shop with { ShopCipher = null }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(106013, result.Error!.Code);
    }

    [Fact]
    public async Task Another_shops_cipher_with_this_token_is_101000()
    {
        var other = (await sim.ShopsAsync())[2]!["cipher"]!.GetValue<string>();

        var result = await sim.Client().Fulfillment.ListWarehousesAsync(_shop with { ShopCipher = other }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(101000, result.Error!.Code);
        Assert.Equal(OpenClawReaction.CheckShopBinding, result.Error.Entry.Reaction);
    }

    [Fact]
    public async Task A_clock_outside_the_window_is_the_timestamp_branch_of_36009004()
    {
        var client = new TikTokShopClient(new HttpClient(), sim.Options(), timeProvider: new Support.FixedClock(DateTimeOffset.UtcNow.AddMinutes(-10)));

        var result = await client.Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("36009004:timestamp", result.Error!.Entry.Key);
    }

    [Fact]
    public async Task Return_search_page_size_outside_10_to_50_is_25001001_and_order_page_size_is_a_parameter_error()
    {
        var client = sim.Client();

        var returns = await client.Returns.SearchReturnsAsync(_shop, new Returns.AfterSaleSearchQuery { PageSize = 5 }, cancellationToken: TestContext.Current.CancellationToken);
        var orders = await client.Orders.SearchAsync(_shop, new Orders.OrderSearchQuery { PageSize = 500 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(25001001, returns.Error!.Code);
        Assert.Equal("36009004:param", orders.Error!.Entry.Key);
    }

    [Fact]
    public async Task Daily_quota_is_returned_at_once_without_retrying()
    {
        await sim.FaultAsync(new { kind = "error", code = 45101004, count = 2, path_prefix = "/logistics/", shop_id = _shop.ShopId });

        var result = await sim.Client().Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OpenClawReaction.PauseUntilNextDay, result.Error!.Entry.Reaction);
        Assert.Equal(1, (await sim.FaultsAsync()).Single()!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Order_ids_of_another_seller_for_tracking_is_21008111()
    {
        var result = await sim.Client().Fulfillment.GetTrackingAsync(_shop, "999999999999999999", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(21008111, result.Error!.Code);
    }

    [Fact]
    public async Task A_malformed_order_id_is_a_parameter_error_not_an_order_of_another_seller()
    {
        var result = await sim.Client().Orders.GetAsync(_shop, ["[\"570000027399000001\"]"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("36009004:param", result.Error!.Entry.Key);
        Assert.Contains("ids", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_codes_are_single_use_and_revoked_sellers_must_authorize_again()
    {
        var shopId = (await sim.ShopsAsync())[3]!["shop_id"]!.GetValue<string>();
        var code = (await sim.PostAsync("/_sim/auth/code", new { shop_id = shopId }))["code"]!.GetValue<string>();
        var auth = sim.Auth();

        var grant = (await auth.ExchangeCodeAsync(code, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var reused = await auth.ExchangeCodeAsync(code, cancellationToken: TestContext.Current.CancellationToken);
        var refreshed = (await auth.RefreshAsync(grant.RefreshToken, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        await sim.PostAsync("/_sim/auth/revoke", new { shop_id = shopId });
        var revoked = await auth.RefreshAsync(refreshed.RefreshToken, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(grant.AccessTokenExpiresAt > DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        Assert.True(grant.RefreshTokenExpiresAt > grant.AccessTokenExpiresAt);
        Assert.Equal(36004004, reused.Error!.Code);
        Assert.Equal(36004005, revoked.Error!.Code);
        Assert.Equal(OpenClawReaction.Reauthorize, revoked.Error.Entry.Reaction);
    }

    [Fact]
    public async Task Token_expiring_mid_run_is_refreshed_through_the_hook()
    {
        var (shop, grant) = await sim.ConnectAsync(2);
        var client = sim.Client();
        var auth = sim.Auth();
        Assert.True((await client.Fulfillment.ListWarehousesAsync(shop, cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        await sim.PostAsync("/_sim/auth/expire", new { shop_id = shop.ShopId });
        var expired = await client.Fulfillment.ListWarehousesAsync(shop, cancellationToken: TestContext.Current.CancellationToken);
        var refreshes = 0;
        var options = new CallOptions
        {
            RefreshAccessToken = async ct =>
            {
                refreshes++;
                var fresh = await auth.RefreshAsync(grant.RefreshToken, ct);
                return fresh.Value?.AccessToken;
            },
        };
        var recovered = await client.Fulfillment.ListWarehousesAsync(shop, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(105002, expired.Error!.Code);
        Assert.True(recovered.IsSuccess);
        Assert.Equal(1, refreshes);
    }
}
