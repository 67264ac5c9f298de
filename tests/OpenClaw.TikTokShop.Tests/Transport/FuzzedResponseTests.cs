using System.Text;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Transport;

public sealed class FuzzedResponseTests
{
    private const int Cases = 1000;
    private const string Noise = "{}[]\",:\\0aZ\u0000\u00e9";

    [Fact]
    public async Task A_thousand_random_malformed_bodies_only_ever_produce_typed_results()
    {
        var random = new Random(424242);
        var bodies = Enumerable.Range(0, Cases).Select(_ => Malformed(random)).ToArray();
        var next = -1;
        await using var stub = await StubServer.StartAsync((context, _) =>
        {
            var body = bodies[Interlocked.Increment(ref next)];
            context.Response.StatusCode = 200;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        var client = TestClients.Client(stub.BaseUrl, o => o.MaxRetries = 0);

        var successes = 0;
        for (var i = 0; i < Cases; i++)
        {
            var result = await client.Orders.SearchAsync(TestClients.Shop, new Orders.OrderSearchQuery(), cancellationToken: TestContext.Current.CancellationToken);
            if (result.IsSuccess)
            {
                successes++;
                Assert.NotNull(result.Value.Items);
            }
            else
            {
                Assert.NotNull(result.Error.Entry);
            }
        }

        Assert.Equal(Cases, stub.Requests.Count);
        Assert.True(successes < Cases / 2, $"{successes} of {Cases} malformed bodies parsed as success");
    }

    private static byte[] Malformed(Random random)
    {
        var valid = Envelopes.OrderSearch("next", "1", "2");
        string text = random.Next(8) switch
        {
            0 => valid[..random.Next(valid.Length)],
            1 => Mutate(valid, random),
            2 => valid.Replace("\"1\"", random.Next(3) switch { 0 => "1", 1 => "[]", _ => "{\"x\":1}" }, StringComparison.Ordinal),
            3 => valid.Replace("1790000000", random.Next(2) == 0 ? "1" + new string('9', random.Next(20, 400)) : "-1e309", StringComparison.Ordinal),
            4 => Nested(random),
            5 => valid.Replace("\"19.90\"", random.Next(2) == 0 ? "true" : "\"1e9999\"", StringComparison.Ordinal),
            6 => valid.Replace("\"code\":0", random.Next(2) == 0 ? "\"code\":2147483648" : "\"code\":null", StringComparison.Ordinal),
            _ => "",
        };

        if (random.Next(8) == 7)
        {
            var bytes = new byte[random.Next(1, 2048)];
            random.NextBytes(bytes);
            return bytes;
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < 1 + random.Next(5); i++)
        {
            chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
        }

        return new string(chars);
    }

    private static string Nested(Random random)
    {
        var depth = random.Next(10, 3000);
        return Envelopes.Success("{\"orders\":" + new string('[', depth) + new string(']', depth) + "}");
    }
}
