global using Bunit;
global using Microsoft.Extensions.DependencyInjection;
global using OpenClaw.Dashboard.Api;
global using OpenClaw.Dashboard.Model;
