using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>The spans an <see cref="OtlpReceiver"/> (shared with the fault suite, in TestSupport) received, decoded here.</summary>
internal static class OtlpReceiverSpans
{
    /// <summary>Every span received on <c>/v1/traces</c>, decoded.</summary>
    public static IReadOnlyList<OtlpSpan> Spans(this OtlpReceiver receiver) =>
        receiver.Requests.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpTraces.Decode(r.Body)).ToList();
}
