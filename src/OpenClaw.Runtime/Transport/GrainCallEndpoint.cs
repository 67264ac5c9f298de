using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Telemetry;

namespace OpenClaw.Runtime.Transport;

/// <summary>
/// The silo side of remote grain calls. Answers 421 (Misdirected Request) when this silo does not serve the grain's
/// shard, so the caller looks the owner up again; the call then certainly did not run here.
/// </summary>
internal sealed class GrainCallEndpoint(SiloRuntime silo)
{
    public async Task HandleAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using (document)
        {
            var (interfaceName, methodId, key, argsElement) = GrainCallWire.ReadRequest(document);
            if (!silo.Classes.TryGetInterface(interfaceName, out var grainInterface) || !grainInterface!.ById.TryGetValue(methodId, out var method))
            {
                await WriteErrorAsync(context, StatusCodes.Status404NotFound, typeof(NotSupportedException).FullName, "Unknown grain interface or method.").ConfigureAwait(false);
                return;
            }

            var reference = new GrainReference(silo.Router, grainInterface, key);
            if (!silo.Ownership.IsServing(reference.Shard))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }

            using var span = StartServerSpan(context, grainInterface, method, reference.Shard);
            object? result;
            try
            {
                var args = GrainCallWire.ReadArguments(method, argsElement);
                result = await method.RouteBoxedAsync(reference, args).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ex.GetType().FullName, ex.Message).ConfigureAwait(false);
                return;
            }

            if (!method.ReturnsValue)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, result, method.ResultType, GrainStateSerializer.Options, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Activity? StartServerSpan(HttpContext context, GrainInterface grainInterface, GrainMethod method, int shard)
    {
        // ASP.NET Core's own span (when sampled) already continues the caller's trace; otherwise continue it here.
        var parent = Activity.Current?.Context ?? default;
        if (parent == default
            && ActivityContext.TryParse(context.Request.Headers.TraceParent.ToString(), context.Request.Headers.TraceState.ToString(), isRemote: true, out var remote))
        {
            parent = remote;
        }

        var span = RuntimeTelemetry.Source.StartActivity(grainInterface.Type.Name + "/" + method.Method.Name, ActivityKind.Server, parent);
        span?.SetTag("rpc.system", "openclaw");
        span?.SetTag("rpc.service", grainInterface.Name);
        span?.SetTag("rpc.method", method.Method.Name);
        span?.SetTag("openclaw.shard", shard);
        return span;
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string? type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new GrainCallError(type, message), GrainStateSerializer.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record GrainCallError([property: System.Text.Json.Serialization.JsonPropertyName("type")] string? Type, [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
