using OpenClaw.Dashboard;
using OpenClaw.ServiceDefaults.Configuration;

return await DashboardApp.Create(args).RunServiceAsync();
