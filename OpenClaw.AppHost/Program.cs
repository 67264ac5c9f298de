using OpenClaw.AppHost.Model;

// The resource model of OpenClaw, read like an Aspire AppHost: `dotnet run` starts everything locally,
// `dotnet run -- publish` writes Kubernetes manifests to deploy/k8s.
var builder = DistributedApplication.CreateBuilder(args);

// Grain state, membership and read models; the silo and the API take it with WithReference(redis).
builder.AddGarnet("redis", port: 6390);

builder.AddProject("simulator", "src/OpenClaw.TikTokShop.Simulator", port: 5070)
    .WithEnvironment("Simulator__ShopCount", "12")
    .WithEnvironment("Simulator__ClockSpeed", "60")
    .WithHealthPath("/alive");

return await builder.Build().RunAsync();
