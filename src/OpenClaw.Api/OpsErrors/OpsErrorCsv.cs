using System.Globalization;
using OpenClaw.Api.Csv;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>Writes ops error groups as CSV that Excel opens as intended (<see cref="ExcelCsv"/>).</summary>
public static class OpsErrorCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns =
    [
        "shop_id", "endpoint", "code", "tiktok_code", "http_status", "method", "message", "request_id", "category",
        "first_seen", "last_seen", "occurrences", "recovered", "max_retries", "last_retries", "diagnosis", "fix",
        "request_excerpt", "response_excerpt",
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
        r.ShopId, r.Endpoint, r.Code, Text(r.TikTokCode), Text(r.HttpStatus), r.Method, r.Message, r.RequestId ?? "", r.Category,
        r.FirstSeen.ToString("O", CultureInfo.InvariantCulture), r.LastSeen.ToString("O", CultureInfo.InvariantCulture),
        Text(r.Occurrences), Text(r.Recovered), Text(r.MaxRetries), Text(r.LastRetries),
        (chinese ? r.DiagnosisZh : r.DiagnosisEn) ?? "", (chinese ? r.FixZh : r.FixEn) ?? "",
        r.RequestExcerpt ?? "", r.ResponseExcerpt ?? "",
    ];

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
