using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSilo();

var app = builder.Build();
app.MapSiloEndpoints();
return await app.RunServiceAsync();

/// <summary>The silo's entry point, public so tests can reference the assembly.</summary>
public partial class Program;
