using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>
/// Delivers queued webhooks in the background with a 3 s timeout (TikTok's), retrying failures after the configured
/// delays and dropping the event after the last one.
/// </summary>
public sealed partial class WebhookSender(
    WebhookOutbox outbox,
    IHttpClientFactory httpClients,
    IOptions<SimulatorSettings> settings,
    TimeProvider time,
    ILogger<WebhookSender> log) : BackgroundService
{
    /// <summary>Name of the HttpClient used for deliveries.</summary>
    public const string HttpClientName = "openclaw-sim-webhooks";

    private const int Senders = 4;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notification in outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DeliverAsync(WebhookNotification n, CancellationToken stoppingToken)
    {
        var s = settings.Value;
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var request = new HttpRequestMessage(HttpMethod.Post, n.Address) { Content = new ByteArrayContent(n.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", n.Signature(s.AppKey, s.AppSecret));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                outbox.Record(new DeliveryAttempt(n.NotificationId, n.ShopId, n.Type, n.Address, n.Attempt, status, null, "delivered", time.GetUtcNow()));
                return;
            }
        }
        catch (HttpRequestException ex)
        {
            error = ex.HttpRequestError.ToString();
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = "timeout";
        }
        catch (InvalidOperationException ex)
        {
            error = ex.GetType().Name;
        }

        var delays = s.Webhooks.EffectiveRetryDelays;
        var retrying = n.Attempt <= delays.Count;
        outbox.Record(new DeliveryAttempt(n.NotificationId, n.ShopId, n.Type, n.Address, n.Attempt, status, error, retrying ? "retrying" : "dropped", time.GetUtcNow()));
        LogFailed(log, n.Type, n.ShopId, n.Attempt, status, error);
        if (retrying)
        {
            // Retry without holding a sender: the wait runs on its own and re-queues.
            _ = RetryLaterAsync(n with { Attempt = n.Attempt + 1 }, delays[n.Attempt - 1], stoppingToken);
        }
    }

    private async Task RetryLaterAsync(WebhookNotification next, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            outbox.TryEnqueue(next);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: pending retries are lost, as they would be on a restart.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook type {Type} for shop {ShopId} failed on attempt {Attempt} (status {Status}, error {Error})")]
    private static partial void LogFailed(ILogger logger, int type, string shopId, int attempt, int? status, string? error);
}
