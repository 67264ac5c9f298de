using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>
/// The local SMTP server the e-mail alert channel delivers to (the <c>SmtpServer</c> package, plain SMTP without TLS or
/// login, so a channel pointing here uses security <c>None</c> and no user name). Listens on
/// <see cref="ChatReceiverOptions.SmtpPort"/> (0 = a free port, read back with <c>GET /_sim/chat/email/smtp</c>); every
/// accepted message is parsed with MimeKit and recorded in the <see cref="ChatInbox"/> under <see cref="ChatKind.Email"/>,
/// so <c>GET /_sim/chat/email/messages</c> shows it like the chat services' messages. An injected failure
/// (<c>POST /_sim/chat/email/fail</c>) answers the DATA command with a transient 4xx reply, as a busy mail server does.
/// </summary>
public sealed partial class ChatSmtpSink(ChatInbox inbox, IOptions<ChatReceiverOptions> options, ILogger<ChatSmtpSink> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<IPEndPoint> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    /// <summary>Where the sink listens once started (loopback by default; the port the OS gave when configured 0).</summary>
    public IPEndPoint? EndPoint => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => _started.TrySetResult((IPEndPoint)e.LocalEndPoint);
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName("smtp.simulator.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Parse(settings.SmtpAddress), settings.SmtpPort)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new InboxStore(inbox));
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        _run = Task.Run(() => server.StartAsync(_stop.Token), CancellationToken.None);
        var first = await Task.WhenAny(_started.Task, _run).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == _run)
        {
            await _run.ConfigureAwait(false);
            throw new InvalidOperationException("the SMTP sink stopped before listening");
        }

        LogListening(_started.Task.Result.Port);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat receivers: SMTP sink listening on port {Port}")]
    private partial void LogListening(int port);

    /// <summary>Parses each message and records it (sender, recipients, subject, text and HTML bodies, request id).</summary>
    private sealed class InboxStore(ChatInbox inbox) : MessageStore
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (inbox.TakeFailure(ChatKind.Email) is { } failure)
            {
                return failure.Mode == "rate_limit"
                    ? new SmtpResponse((SmtpReplyCode)451, "4.7.0 Too many messages, slow down")
                    : new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.2 Service not available, try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            using var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            var received = new ReceivedEmail(
                Address(transaction.From),
                [.. transaction.To.Select(Address)],
                message.Subject ?? "",
                message.TextBody,
                message.HtmlBody);
            inbox.Record(ChatKind.Email, message.Headers["X-OpenClaw-Request-Id"], JsonSerializer.Serialize(received, Json), DateTimeOffset.UtcNow);
            return SmtpResponse.Ok;
        }

        private static string Address(SmtpServer.Mail.IMailbox? mailbox) => mailbox is null ? "" : $"{mailbox.User}@{mailbox.Host}";
    }

    private sealed record ReceivedEmail(string From, IReadOnlyList<string> To, string Subject, string? Text, string? Html);
}
