using System.Collections.Concurrent;

namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>The chat services the simulator stands in for; the lower-case name is the path segment (<c>/_sim/chat/wecom/…</c>).</summary>
public enum ChatKind
{
    /// <summary>WeCom (企业微信) group robot.</summary>
    WeCom,

    /// <summary>DingTalk (钉钉) custom robot with signing.</summary>
    DingTalk,

    /// <summary>Feishu/Lark (飞书) custom bot with signing.</summary>
    Feishu,

    /// <summary>Slack incoming webhook.</summary>
    Slack,

    /// <summary>OpenClaw's signed webhook (<c>X-OpenClaw-Signature</c>).</summary>
    Webhook,

    /// <summary>E-mail through the local SMTP sink (<see cref="ChatSmtpSink"/>); the body recorded is JSON (from, to, subject, text, html).</summary>
    Email,
}

/// <summary>One accepted message.</summary>
/// <param name="Sequence">Order of arrival across all kinds (1-based).</param>
/// <param name="ReceivedAt">When it arrived (real time, UTC).</param>
/// <param name="RequestId">The <c>X-OpenClaw-Request-Id</c> of a signed webhook or e-mail; null for the chat services.</param>
/// <param name="Body">The raw JSON body as received (no URL, key, signature or header is kept); for e-mail a JSON summary of the parsed message.</param>
public sealed record ChatMessage(long Sequence, DateTimeOffset ReceivedAt, string? RequestId, string Body);

/// <summary>
/// What the chat receivers received, per kind (bounded, oldest dropped), with counters of the answers that were not a
/// plain success, plus the failures an admin asked for (<c>POST /_sim/chat/{kind}/fail</c>) and the signed webhook's
/// seen request ids (a repeat is answered 200 and counted, not recorded again). Thread-safe.
/// </summary>
public sealed class ChatInbox
{
    /// <summary>Most messages kept per kind.</summary>
    public const int MaxMessages = 1000;

    private readonly ConcurrentDictionary<ChatKind, Box> _boxes = new();
    private long _sequence;

    /// <summary>Keeps an accepted message.</summary>
    public void Record(ChatKind kind, string? requestId, string body, DateTimeOffset at)
    {
        var box = Of(kind);
        lock (box)
        {
            box.Messages.Add(new ChatMessage(Interlocked.Increment(ref _sequence), at, requestId, body));
            if (box.Messages.Count > MaxMessages)
            {
                box.Messages.RemoveAt(0);
            }
        }
    }

    /// <summary>True (and remembered) the first time a signed webhook's request id is seen.</summary>
    public bool FirstTime(string requestId) => Of(ChatKind.Webhook).SeenIds.TryAdd(requestId, 0);

    /// <summary>Makes the next <paramref name="count"/> requests of <paramref name="kind"/> fail with <paramref name="mode"/>.</summary>
    public void Fail(ChatKind kind, string mode, int count, int retryAfterSeconds)
    {
        var box = Of(kind);
        lock (box)
        {
            box.Failure = (mode, count, retryAfterSeconds);
        }
    }

    /// <summary>The failure this request must answer with (one of the remaining count is used), or null.</summary>
    public (string Mode, int RetryAfterSeconds)? TakeFailure(ChatKind kind)
    {
        var box = Of(kind);
        lock (box)
        {
            if (box.Failure is not { Remaining: > 0 } failure)
            {
                return null;
            }

            box.Failure = (failure.Mode, failure.Remaining - 1, failure.RetryAfterSeconds);
            box.Failed++;
            return (failure.Mode, failure.RetryAfterSeconds);
        }
    }

    /// <summary>Counts a request refused for a bad signature, token or timestamp.</summary>
    public void Reject(ChatKind kind)
    {
        var box = Of(kind);
        lock (box)
        {
            box.Rejected++;
        }
    }

    /// <summary>Counts a signed-webhook request whose id was already processed.</summary>
    public void Duplicate()
    {
        var box = Of(ChatKind.Webhook);
        lock (box)
        {
            box.Duplicates++;
        }
    }

    /// <summary>Messages and counters of one kind.</summary>
    public ChatInboxView View(ChatKind kind)
    {
        var box = Of(kind);
        lock (box)
        {
            return new ChatInboxView([.. box.Messages], box.Failed, box.Rejected, box.Duplicates);
        }
    }

    /// <summary>Forgets one kind's messages, counters, pending failures and seen ids.</summary>
    public void Clear(ChatKind kind) => _boxes.TryRemove(kind, out _);

    private Box Of(ChatKind kind) => _boxes.GetOrAdd(kind, _ => new Box());

    private sealed class Box
    {
        public List<ChatMessage> Messages { get; } = [];

        public ConcurrentDictionary<string, byte> SeenIds { get; } = new(StringComparer.Ordinal);

        public (string Mode, int Remaining, int RetryAfterSeconds)? Failure { get; set; }

        public int Failed { get; set; }

        public int Rejected { get; set; }

        public int Duplicates { get; set; }
    }
}

/// <summary>What <c>GET /_sim/chat/{kind}/messages</c> answers.</summary>
/// <param name="Messages">Accepted messages, oldest first.</param>
/// <param name="Failed">Requests answered with an injected failure (rate limit, server error).</param>
/// <param name="Rejected">Requests refused for a bad signature, token or timestamp.</param>
/// <param name="Duplicates">Signed-webhook requests whose request id was already processed.</param>
public sealed record ChatInboxView(IReadOnlyList<ChatMessage> Messages, int Failed, int Rejected, int Duplicates);
