using OpenClaw.Runtime.Hosting;
using OpenClaw.Runtime.TestSilo;

// Usage: dotnet OpenClaw.Runtime.TestSilo.dll --ConnectionStrings:redis=127.0.0.1:6379 --Orleans:ServiceId=s
//        --Orleans:ClusterId=c --Orleans:Clustering:ProviderType=Redis --Orleans:Endpoints:SiloPort=11111
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("OpenClaw", LogLevel.Information);
builder.AddOpenClawSilo(silo =>
{
    silo.Options.ListenOnLoopbackOnly = true;
    silo.Options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
    silo.Options.ReminderPollInterval = TimeSpan.FromMilliseconds(200);
    silo.AddGrains(typeof(TestGrains).Assembly);
});
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

var app = builder.Build();
app.MapOpenClawSilo();
await app.RunAsync();
