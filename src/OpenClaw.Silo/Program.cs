using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.Silo.Extensions;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSilo();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrleansDashboard("/dashboard");
return await app.RunServiceAsync();

/// <summary>The silo's entry point, public so tests can reference the assembly.</summary>
public partial class Program;
