using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using OpenClaw.AppHost.Store;

namespace OpenClaw.AppHost.Tests.Store;

/// <summary>The AppHost's model and its callbacks, evaluated without starting anything (no DCP, no process).</summary>
internal static class AppHostModel
{
    // The AppHost's Program runs up to Build(); its resources are the model. Not building keeps DCP out of it.
    public static Task<IDistributedApplicationTestingBuilder> BuildAsync(string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenClaw_AppHost>(args, TestContext.Current.CancellationToken);

    // The model's own callbacks, evaluated without starting anything: endpoint values stay unresolved objects.
    public static async Task<List<object>> ArgsAsync(IDistributedApplicationTestingBuilder app, RedisProtocolServerResource resource)
    {
        var context = new CommandLineArgsCallbackContext([], resource, TestContext.Current.CancellationToken)
        {
            ExecutionContext = app.ExecutionContext,
        };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return [.. context.Args];
    }

    public static async Task<Dictionary<string, object>> EnvironmentAsync(IDistributedApplicationTestingBuilder app, IResource resource)
    {
        var context = new EnvironmentCallbackContext(app.ExecutionContext, resource, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables.ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
