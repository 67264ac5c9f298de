using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Resilience;

public sealed class RetryAndBudgetTests
{
    private const string Warehouses = """{"warehouses":[{"id":"w1","name":"Main","type":"SALES_WAREHOUSE","is_default":true,"address":{"region_code":"US"}}]}""";

    [Fact]
    public async Task A_burst_of_503s_is_retried_until_success()
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) <= 2
                ? StubServer.WriteAsync(context, 503, "overload")
                : StubServer.WriteAsync(context, 200, Envelopes.Success(Warehouses)));
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.RetryCount);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal("w1", Assert.Single(result.Value).Id);
    }

    [Fact]
    public async Task Every_attempt_is_signed_again_with_its_own_timestamp_but_the_same_body_bytes()
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) == 1
                ? StubServer.WriteAsync(context, 500, Envelopes.Error(36009003, "internal"))
                : StubServer.WriteAsync(context, 200, Envelopes.OrderSearch(null, "1")));
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Orders.SearchAsync(TestClients.Shop, new Orders.OrderSearchQuery { UpdateTimeFrom = DateTimeOffset.UnixEpoch.AddDays(1) }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        var requests = stub.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(requests[0].Body, requests[1].Body);
        foreach (var request in requests)
        {
            Assert.Equal(Signing.ReferenceSigner.Sign(TestClients.AppSecret, request.Path,
                request.Query.Where(q => q.Key != "sign").Select(q => (q.Key, q.Value)), request.Body), request.Query["sign"]);
        }
    }

    [Theory]
    [InlineData(106001, 401)]
    [InlineData(105005, 403)]
    [InlineData(101000, 401)]
    [InlineData(45101004, 200)]
    [InlineData(21008111, 400)]
    public async Task Non_retryable_errors_are_returned_after_one_attempt(int code, int status)
    {
        await using var stub = await StubServer.AnsweringAsync(status, Envelopes.Error(code, "no"));
        var budget = new UnlimitedBudget();
        var client = TestClients.Client(stub.BaseUrl, budget: budget);

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(status, result.Error.HttpStatus);
        Assert.Equal(Envelopes.RequestId, result.Error.RequestId);
        Assert.Equal("/logistics/202309/warehouses", result.Error.Path);
        Assert.Single(stub.Requests);
        Assert.Empty(budget.RateLimited);
    }

    [Fact]
    public async Task Rate_limit_is_reported_to_the_budget_with_retry_after_and_then_retried()
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return StubServer.WriteAsync(context, 429, Envelopes.Error(36009002, "too many requests"));
            }

            return StubServer.WriteAsync(context, 200, Envelopes.Success(Warehouses));
        });
        var budget = new UnlimitedBudget();
        var client = TestClients.Client(stub.BaseUrl, budget: budget);
        var started = TimeProvider.System.GetTimestamp();

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        var report = Assert.Single(budget.RateLimited);
        Assert.Equal(TestClients.Shop.ShopId, report.ShopId);
        Assert.Equal(TimeSpan.FromSeconds(1), report.RetryAfter);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured");
        Assert.Equal(2, budget.Acquired);
    }

    [Fact]
    public async Task Rate_limit_whose_retry_the_budget_refuses_is_still_reported_as_an_unrecovered_failed_call()
    {
        // The budget pauses the shop after a 429; when the retry's wait would outlast the sync's patience the budget
        // refuses it, and the 429 must still reach the ops error book (it used to vanish with the exception).
        await using var stub = await StubServer.AnsweringAsync(429, Envelopes.Error(36009002, "too many requests"));
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(30);
        var client = TestClients.Client(stub.BaseUrl, budget: new RefusingBudget(grants: 1, retryAt));
        var reports = new List<FailedCall>();
        var options = new CallOptions { OnFailure = (call, _) => { reports.Add(call); return ValueTask.CompletedTask; } };

        var refused = await Assert.ThrowsAsync<OpenClaw.TikTokShop.Resilience.RateBudgetPausedException>(() =>
            client.Fulfillment.ListWarehousesAsync(TestClients.Shop, options, TestContext.Current.CancellationToken));

        Assert.Equal(retryAt, refused.RetryAt);
        var report = Assert.Single(reports);
        Assert.Equal((36009002, 429), (report.Error.Code, report.Error.HttpStatus));
        Assert.False(report.Recovered);
        Assert.Equal(0, report.RetryCount);
        Assert.Equal("/logistics/202309/warehouses", report.Path);
        Assert.Contains("36009002", report.ResponseExcerpt, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(429, "7200", 7200)]
    [InlineData(200, null, null)]
    public async Task Daily_quota_exhausted_is_reported_to_the_budget_once_with_retry_after_and_not_retried(int status, string? retryAfter, int? expectedSeconds)
    {
        await using var stub = await StubServer.StartAsync((context, _) =>
        {
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return StubServer.WriteAsync(context, status, Envelopes.Error(45101004, "10000 request per day"));
        });
        var budget = new UnlimitedBudget();
        var client = TestClients.Client(stub.BaseUrl, budget: budget);

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OpenClawReaction.PauseUntilNextDay, result.Error!.Entry.Reaction);
        var report = Assert.Single(budget.QuotaExhausted);
        Assert.Equal(TestClients.Shop.ShopId, report.ShopId);
        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, report.RetryAfter);
        Assert.Empty(budget.RateLimited);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_budget_that_refuses_with_a_pause_stops_the_call_before_any_request()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(Warehouses));
        var retryAt = DateTimeOffset.UtcNow.AddHours(2);
        var client = TestClients.Client(stub.BaseUrl, budget: new PausedBudget(retryAt));

        var ex = await Assert.ThrowsAsync<OpenClaw.TikTokShop.Resilience.RateBudgetPausedException>(() =>
            client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(retryAt, ex.RetryAt);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_stalled_answer_becomes_a_timeout_error_after_the_retries()
    {
        await using var stub = await StubServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        var client = TestClients.Client(stub.BaseUrl, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.Timeout, result.Error!.Entry.Key);
        Assert.Equal(ErrorCategory.Network, result.Error.Category);
        Assert.Equal(1, result.RetryCount);
    }

    [Fact]
    public async Task Waiting_for_the_rate_budget_does_not_count_against_the_attempt_timeout()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(Warehouses));
        var client = TestClients.Client(stub.BaseUrl, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200), budget: new SlowBudget(TimeSpan.FromMilliseconds(500)));

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(0, result.RetryCount);
    }

    [Fact]
    public async Task Connection_refused_is_a_network_error()
    {
        var port = OpenClaw.TestSupport.FreePort.Next();
        var client = TestClients.Client(new Uri($"http://127.0.0.1:{port}"), o => o.MaxRetries = 1);

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.Network, result.Error!.Entry.Key);
        Assert.DoesNotContain("sign=", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuit_opens_per_shop_and_endpoint_after_repeated_server_failures()
    {
        await using var stub = await StubServer.AnsweringAsync(500, Envelopes.Error(36009003, "internal"));
        var client = TestClients.Client(stub.BaseUrl, o =>
        {
            o.MaxRetries = 0;
            o.CircuitMinimumThroughput = 2;
            o.CircuitFailureRatio = 0.5;
            o.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        });

        await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);
        await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);
        var sentBefore = stub.Requests.Count;
        var broken = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);
        var otherShop = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop with { ShopId = "other-shop" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.CircuitOpen, broken.Error!.Entry.Key);
        Assert.Equal(36009003, otherShop.Error!.Code);
        Assert.Equal(sentBefore + 1, stub.Requests.Count);
    }

    [Fact]
    public async Task Expired_token_is_refreshed_once_through_the_hook_and_the_call_retried_once()
    {
        await using var stub = await StubServer.StartAsync((context, request) =>
            request.Headers["x-tts-access-token"] == "fresh-token"
                ? StubServer.WriteAsync(context, 200, Envelopes.Success(Warehouses))
                : StubServer.WriteAsync(context, 401, Envelopes.Error(105002, "access token expired")));
        var client = TestClients.Client(stub.BaseUrl);
        var refreshes = 0;
        var options = new CallOptions
        {
            RefreshAccessToken = _ =>
            {
                refreshes++;
                return ValueTask.FromResult<string?>("fresh-token");
            },
        };

        var result = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, refreshes);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Expired_token_without_a_fresh_one_returns_the_expiry_error()
    {
        await using var stub = await StubServer.AnsweringAsync(401, Envelopes.Error(105002, "access token expired"));
        var client = TestClients.Client(stub.BaseUrl);

        var noHook = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken);
        var hookGivesUp = await client.Fulfillment.ListWarehousesAsync(TestClients.Shop,
            new CallOptions { RefreshAccessToken = _ => ValueTask.FromResult<string?>(null) }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(105002, noHook.Error!.Code);
        Assert.Equal(OpenClawReaction.RefreshTokenAndRetryOnce, noHook.Error.Entry.Reaction);
        Assert.Equal(105002, hookGivesUp.Error!.Code);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        await using var stub = await StubServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        var client = TestClients.Client(stub.BaseUrl);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Fulfillment.ListWarehousesAsync(TestClients.Shop, cancellationToken: cts.Token));
    }
}

internal sealed class SlowBudget(TimeSpan wait) : OpenClaw.TikTokShop.Resilience.IRateBudget
{
    public async ValueTask<TimeSpan> AcquireAsync(string shopId, OpenClaw.TikTokShop.Resilience.CallPriority priority, CancellationToken cancellationToken)
    {
        await Task.Delay(wait, cancellationToken);
        return wait;
    }

    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
    }
}

internal sealed class PausedBudget(DateTimeOffset retryAt) : OpenClaw.TikTokShop.Resilience.IRateBudget
{
    public ValueTask<TimeSpan> AcquireAsync(string shopId, OpenClaw.TikTokShop.Resilience.CallPriority priority, CancellationToken cancellationToken) =>
        throw new OpenClaw.TikTokShop.Resilience.RateBudgetPausedException(
            OpenClaw.TikTokShop.Resilience.RateBudgetPauseReason.QuotaExhausted, retryAt, shopId, priority);

    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
    }
}

internal sealed class RefusingBudget(int grants, DateTimeOffset retryAt) : OpenClaw.TikTokShop.Resilience.IRateBudget
{
    private int _granted;

    public ValueTask<TimeSpan> AcquireAsync(string shopId, OpenClaw.TikTokShop.Resilience.CallPriority priority, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _granted) <= grants
            ? ValueTask.FromResult(TimeSpan.Zero)
            : throw new OpenClaw.TikTokShop.Resilience.RateBudgetPausedException(
                OpenClaw.TikTokShop.Resilience.RateBudgetPauseReason.Contended, retryAt, shopId, priority);

    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
    }
}
