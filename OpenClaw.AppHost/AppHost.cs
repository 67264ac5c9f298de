using OpenClaw.AppHost.Demo;
using OpenClaw.AppHost.Extensions;
using OpenClaw.AppHost.Kubernetes;
using OpenClaw.AppHost.Store;

var builder = DistributedApplication.CreateBuilder(args);

// `--publisher k8s --output-path deploy/k8s` writes Kubernetes manifests from this same model (no DCP, nothing runs).
builder.AddKubernetesManifests();
builder.AddResourceStatusLogging();

// Membership, grain state and reminders: Garnet locally (Store:Kind=redis for redis-server, ConnectionStrings:redis for
// a server of your own), a Redis StatefulSet in Kubernetes.
var store = builder.AddRedisProtocolStore("redis");

var orleans = builder.AddOrleans("openclaw")
    // Fixed ids: grain state is keyed by ServiceId, so a generated one would orphan the data on every restart.
    .WithClusterId("openclaw")
    .WithServiceId("openclaw")
    .WithClustering(store)
    .WithGrainStorage("Default", store)
    .WithReminders(store);

// The TikTok app: the simulator's demo credentials locally; in Kubernetes the key and service id are settings and the
// secret comes from the cluster's Secret (never a literal in the manifests).
var appKey = builder.AddParameter("tiktok-app-key", "openclaw-demo-app", publishValueAsDefault: true);
var appSecret = builder.AddParameter("tiktok-app-secret", "openclaw-demo-secret", secret: true);
var serviceId = builder.AddParameter("tiktok-service-id", "7000000000000000001", publishValueAsDefault: true);
// Its data hangs from the first start over the store's folder, so a restart serves the orders the store synced.
var tiktok = builder.AddTikTokSimulator("tiktok-sim", appKey, appSecret).WithWorldOf(store);

// WithReference(orleans) also references the store (ConnectionStrings__redis) for each provider it configures.
var silo = builder.AddProject<Projects.OpenClaw_Silo>("silo")
    // No launchSettings.json in the silo: without an endpoint every replica would bind :5000.
    .WithHttpEndpoint()
    .WithReference(orleans)
    .WaitFor(store)
    .WithReplicas(2)
    .WithTikTokShop(tiktok, appKey, appSecret, serviceId)
    .WithGracefulShutdown(TimeSpan.FromSeconds(25))
    .WithHttpHealthCheck(ServiceResourceExtensions.HealthPath)
    .WithKubernetesProbes();

// The agency REST API, an Orleans client of the silos. Its bootstrap admin key is a secret parameter (generated locally,
// shown in the Aspire dashboard; the cluster's Secret in Kubernetes).
var bootstrapKey = builder.AddParameter("api-bootstrap-admin-key", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true);
var api = builder.AddProject<Projects.OpenClaw_Api>("api")
    .WithHttpEndpoint()
    .WithReference(orleans.AsClient())
    .WaitFor(silo)
    .WithTikTokShop(tiktok, appKey, appSecret, serviceId)
    .WithEnvironment("Api__BootstrapAdminKey", bootstrapKey)
    .WithGracefulShutdown(TimeSpan.FromSeconds(10))
    // Stateless: Kubernetes runs 2–10 pods on CPU (a HorizontalPodAutoscaler); locally one.
    .WithKubernetesAutoscale(minReplicas: 2, maxReplicas: 10, cpuUtilizationPercent: 70)
    .WithHttpHealthCheck(ServiceResourceExtensions.HealthPath)
    .WithKubernetesProbes();

// The operator dashboard: reads only the API (service discovery resolves https+http://api); a browser-facing app.
var dashboard = builder.AddProject<Projects.OpenClaw_Dashboard>("dashboard")
    .WithHttpEndpoint()
    .WithReference(api)
    .WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithClusterLinks(silo, builder.Configuration)
    .WithHttpHealthCheck(ServiceResourceExtensions.HealthPath)
    .WithKubernetesProbes();

// Locally the simulator's consent page sends the seller back to the API's callback, and its webhooks go to the API's
// ingress (TikTok's partner center holds both in production).
tiktok.WithOAuthCallback(api).WithWebhooksTo(api);

// Locally alert channels may point at the simulator's chat receivers (http, loopback), and messages link to the
// operator dashboard; never in the manifests.
silo.WithLocalAlertDelivery(dashboard);
api.WithLocalAlertDelivery(dashboard);

// Locally: a demo tenant whose shops connect through the OAuth consent flow against the simulator, with alert channels
// at its chat receivers; the console prints where to sign in. Also the API's commands in the Aspire dashboard.
api.WithDemoTenant(tiktok, dashboard, bootstrapKey, SimulatorBuilderExtensions.DemoShopCount);

builder.Build().Run();
