using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.TikTokShop.Simulator;

return await SimulatorApp.Create(args).RunServiceAsync();
