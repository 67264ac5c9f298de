using OpenClaw.Api;
using OpenClaw.ServiceDefaults.Configuration;

return await ApiApp.Create(args).RunServiceAsync();
