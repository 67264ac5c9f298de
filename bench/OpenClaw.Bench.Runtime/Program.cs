using OpenClaw.Bench.Runtime;

// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Runtime -- [local|remote|activation|failover|all]
var mode = args.Length > 0 ? args[0] : "all";
Console.WriteLine($"# OpenClaw.Runtime bench ({DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
if (mode is "local" or "all")
{
    await LocalCalls.RunAsync();
}

if (mode is "activation" or "all")
{
    await Activations.RunAsync();
}

if (mode is "remote" or "all")
{
    await RemoteCalls.RunAsync();
}

if (mode is "failover" or "all")
{
    await Failover.RunAsync();
}
