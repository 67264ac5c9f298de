using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenClaw.Bench.Simulator;
using OpenClaw.TikTokShop.Simulator;
using OpenClaw.TikTokShop.Simulator.Api;

// Starts the simulator in-process on loopback, authorizes a sample of shops, then drives a mixed signed workload
// from N workers for a bounded time and prints requests/s and latency percentiles (client and server share the CPU).
var options = LoadOptions.Parse(args);
const string AppKey = "openclaw-demo-app";
const string AppSecret = "openclaw-demo-secret";
var port = FreeLoopbackPort();
var baseUrl = $"http://127.0.0.1:{port}";
await using var app = SimulatorApp.Create(
[
    "--urls", baseUrl, $"--Simulator:ShopCount={options.Shops}", "--Simulator:RateLimit:PerAppPerSecond=1000000",
    "--Simulator:RateLimit:PerShopPerSecond=1000", "--Logging:LogLevel:Default=Warning",
]);
var startup = Stopwatch.StartNew();
await app.StartAsync();
Console.WriteLine($"simulator with {options.Shops} shops listening on {baseUrl} after {startup.ElapsedMilliseconds} ms");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers }) { BaseAddress = new Uri(baseUrl) };
var shops = (await http.GetFromJsonAsync<JsonElement>("/_sim/shops")).EnumerateArray().ToList();
var sessions = new List<(string Cipher, string Token)>();
var stride = Math.Max(1, shops.Count / options.ConnectedShops);
for (var i = 0; i < shops.Count && sessions.Count < options.ConnectedShops; i += stride)
{
    var shopId = shops[i].GetProperty("shop_id").GetString();
    using var codeResponse = await http.PostAsJsonAsync("/_sim/auth/code", new { shop_id = shopId });
    var code = (await codeResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
    var token = await http.GetFromJsonAsync<JsonElement>(
        $"/api/v2/token/get?app_key={AppKey}&app_secret={AppSecret}&auth_code={Uri.EscapeDataString(code!)}&grant_type=authorized_code");
    sessions.Add((shops[i].GetProperty("cipher").GetString()!, token.GetProperty("data").GetProperty("access_token").GetString()!));
}

Console.WriteLine($"authorized {sessions.Count} shops; warm-up {options.WarmupSeconds} s, then {options.Seconds} s with {options.Workers} workers");
var latencies = new List<double>[options.Workers];
var errors = new int[options.Workers];
await RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), record: null);
var measured = Stopwatch.StartNew();
await RunAsync(TimeSpan.FromSeconds(options.Seconds), latencies);
measured.Stop();

var all = latencies.SelectMany(l => l).Order().ToList();
double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(p * all.Count))];
var report = string.Create(CultureInfo.InvariantCulture,
    $"requests={all.Count} errors={errors.Sum()} rps={all.Count / measured.Elapsed.TotalSeconds:F0} p50={Percentile(0.50):F1}ms p90={Percentile(0.90):F1}ms p99={Percentile(0.99):F1}ms max={all.LastOrDefault():F1}ms");
Console.WriteLine(report);
await app.StopAsync();
return;

async Task RunAsync(TimeSpan duration, List<double>[]? record)
{
    using var stop = new CancellationTokenSource(duration);
    await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(w => Task.Run(async () =>
    {
        var random = new Random(w);
        var mine = record is null ? null : record[w] = [];
        while (!stop.IsCancellationRequested)
        {
            var (cipher, token) = sessions[random.Next(sessions.Count)];
            var (method, path, query, body) = Workload.Next(random, options.Only);
            var watch = Stopwatch.StartNew();
            var ok = await SendAsync(method, path, query, body, cipher, token);
            mine?.Add(watch.Elapsed.TotalMilliseconds);
            if (!ok && record is not null)
            {
                errors[w]++;
            }
        }
    })));
}

async Task<bool> SendAsync(HttpMethod method, string path, Dictionary<string, string> query, string? body, string cipher, string token)
{
    query["app_key"] = AppKey;
    query["shop_cipher"] = cipher;
    query["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    query["sign"] = RequestSignature.Compute(AppSecret, path, query, body is null ? [] : Encoding.UTF8.GetBytes(body));
    using var request = new HttpRequestMessage(method, path + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    request.Headers.Add("x-tts-access-token", token);
    if (body is not null)
    {
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
    }

    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsByteArrayAsync();
    return response.IsSuccessStatusCode && text.AsSpan().IndexOf("\"code\":0,"u8) >= 0;
}

static int FreeLoopbackPort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
