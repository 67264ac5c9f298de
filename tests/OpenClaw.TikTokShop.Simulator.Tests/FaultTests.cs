using System.Diagnostics;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class FaultTests : ConnectedSimulatorTest
{
    private const string Orders = "/order/202309/orders/search";

    [Fact]
    public async Task An_error_fault_answers_the_code_with_its_contract_http_status_for_count_requests_only()
    {
        await AddAsync(new { kind = "error", code = 36009003, count = 1, path_prefix = "/order" });
        var faulted = await SearchAsync();
        Assert.Equal((500, 36009003), ((int)faulted.Status, faulted.Code));
        Assert.Equal(0, (await SearchAsync()).Code);
    }

    [Fact]
    public async Task An_http_status_fault_answers_without_an_envelope()
    {
        await AddAsync(new { kind = "http_status", status = 503, count = 1 });
        var response = await SearchAsync();
        Assert.Equal(503, (int)response.Status);
        Assert.Equal(-1, response.Code);
    }

    [Fact]
    public async Task A_rate_limit_fault_answers_429_with_retry_after()
    {
        await AddAsync(new { kind = "rate_limit", retry_after_seconds = 7, count = 1 });
        var response = await SearchAsync();
        Assert.Equal((429, 36009002, "7"), ((int)response.Status, response.Code, response.RetryAfter));
    }

    [Fact]
    public async Task A_latency_fault_delays_a_correct_answer()
    {
        await AddAsync(new { kind = "latency", delay_ms = 400, count = 1 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, (await SearchAsync()).Code);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_stall_drops_the_connection_without_an_answer()
    {
        await AddAsync(new { kind = "stall", delay_ms = 200, count = 1 });
        await Assert.ThrowsAnyAsync<HttpRequestException>(SearchAsync);
    }

    [Fact]
    public async Task A_truncated_body_fails_while_reading()
    {
        await AddAsync(new { kind = "truncated_body", count = 1 });
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var response = await SearchAsync();
            Assert.Fail("a truncated body must not parse: " + response.Raw);
        });
    }

    [Fact]
    public async Task A_malformed_json_body_does_not_parse()
    {
        await AddAsync(new { kind = "malformed_json", count = 1 });
        var response = await SearchAsync();
        Assert.Equal(200, (int)response.Status);
        Assert.Equal(-1, response.Code);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(response.Raw));
    }

    [Fact]
    public async Task A_wrong_types_fault_turns_numbers_into_strings()
    {
        await AddAsync(new { kind = "wrong_types", count = 1 });
        var response = await SearchAsync();
        Assert.Equal(JsonValueKind.String, response.Data.GetProperty("total_count").ValueKind);
        Assert.Equal(JsonValueKind.Number, response.Data.GetProperty("orders")[0].GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Faults_can_target_one_shop_and_be_listed_and_cleared()
    {
        var other = (await Host.ShopsAsync())[1];
        await AddAsync(new { kind = "error", code = 36009003, shop_id = other.Id });
        Assert.Equal(0, (await SearchAsync()).Code);
        Assert.Single((await Host.AdminAsync(HttpMethod.Get, "/_sim/faults")).EnumerateArray());
        await Host.AdminAsync(HttpMethod.Delete, "/_sim/faults");
        Assert.Empty((await Host.AdminAsync(HttpMethod.Get, "/_sim/faults")).EnumerateArray());
    }

    [Fact]
    public async Task The_per_shop_budget_answers_429_36009002_when_exhausted()
    {
        await Host.AdminAsync(HttpMethod.Put, "/_sim/rate-limit", new { per_shop_per_second = 3, per_app_per_second = 1000 });
        try
        {
            var responses = new List<ApiResponse>();
            for (var i = 0; i < 8; i++)
            {
                responses.Add(await Session.GetAsync("/logistics/202309/warehouses"));
            }

            Assert.Contains(responses, r => r.Code == 0);
            var limited = Assert.IsType<ApiResponse>(responses.FirstOrDefault(r => r.Code != 0));
            Assert.Equal((429, 36009002), ((int)limited.Status, limited.Code));
        }
        finally
        {
            await Host.AdminAsync(HttpMethod.Put, "/_sim/rate-limit", new { per_shop_per_second = 50, per_app_per_second = 2000 });
        }
    }

    [Fact]
    public async Task The_per_app_budget_answers_429_across_shops()
    {
        var other = await Host.ConnectAsync(1);
        await Host.AdminAsync(HttpMethod.Put, "/_sim/rate-limit", new { per_shop_per_second = 1000, per_app_per_second = 4 });
        try
        {
            var responses = new List<ApiResponse>();
            for (var i = 0; i < 5; i++)
            {
                responses.Add(await Session.GetAsync("/logistics/202309/warehouses"));
                responses.Add(await other.GetAsync("/logistics/202309/warehouses"));
            }

            Assert.Contains(responses, r => r.Code == 0);
            Assert.Contains(responses, r => (int)r.Status == 429 && r.Code == 36009002);
        }
        finally
        {
            await Host.AdminAsync(HttpMethod.Put, "/_sim/rate-limit", new { per_shop_per_second = 50, per_app_per_second = 2000 });
        }
    }

    private Task<System.Text.Json.JsonElement> AddAsync(object rule) => Host.AdminAsync(HttpMethod.Post, "/_sim/faults", rule);

    private Task<ApiResponse> SearchAsync() => Session.PostAsync(Orders, new { }, new Dictionary<string, string> { ["page_size"] = "10" });
}
