using System.Globalization;
using OpenClaw.Api.Csv;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>Writes ops error groups as CSV that Excel opens as intended (<see cref="ExcelCsv"/>).</summary>
public static class OpsErrorCsv
{
    /// <summary>
    /// The header row: the columns first, in its order (<c>error_id</c> = the group id, <c>retry_count</c> = the
    /// most retries one of the group's calls needed, times ISO 8601 with offset), then the rest of the group.
    /// </summary>
    public static readonly string[] Columns =
    [
        "error_id", "shop_id", "api_endpoint", "http_status", "error_code", "error_message", "first_occurred_at", "last_occurred_at",
        "occurrences", "retry_count", "diagnosis",
        "source", "fix", "category", "tiktok_code", "method", "request_id", "recovered", "last_retry_count",
        "request_excerpt", "response_excerpt", "response_headers",
    ];

    /// <summary>Streams the header and <paramref name="records"/> to <paramref name="stream"/> (left open).</summary>
    /// <returns>The number of rows written.</returns>
    public static Task<int> WriteAsync(Stream stream, IAsyncEnumerable<OpsErrorRecord> records, bool chinese, CancellationToken cancellationToken) =>
        ExcelCsv.WriteAsync(stream, Columns, Rows(records, chinese, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<string[]> Rows(IAsyncEnumerable<OpsErrorRecord> records, bool chinese,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(r, chinese);
        }
    }

    private static string[] Row(OpsErrorRecord r, bool chinese) =>
    [
        r.GroupId, r.ShopId, r.Endpoint, Text(r.HttpStatus), r.Code, r.Message, Time(r.FirstSeen), Time(r.LastSeen),
        Text(r.Occurrences), Text(r.MaxRetries), (chinese ? r.DiagnosisZh : r.DiagnosisEn) ?? "",
        r.Source, (chinese ? r.FixZh : r.FixEn) ?? "", r.Category, Text(r.TikTokCode), r.Method, r.RequestId ?? "", Text(r.Recovered), Text(r.LastRetries),
        r.RequestExcerpt ?? "", r.ResponseExcerpt ?? "", r.ResponseHeaders ?? "",
    ];

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
