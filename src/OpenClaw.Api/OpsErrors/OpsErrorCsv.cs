using System.Globalization;
using CsvHelper;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>
/// Writes ops error groups as CSV that Excel opens as intended: UTF-8 with a byte order mark (so Chinese text is not
/// read as the ANSI code page), CRLF line ends and RFC 4180 quoting (CsvHelper), and every text cell starting with
/// <c>= + - @</c>, tab or CR prefixed with <c>'</c> so a spreadsheet shows it instead of running it (OWASP CSV injection).
/// </summary>
public static class OpsErrorCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns =
    [
        "shop_id", "endpoint", "code", "tiktok_code", "http_status", "method", "message", "request_id", "category",
        "first_seen", "last_seen", "occurrences", "recovered", "max_retries", "last_retries", "diagnosis", "fix",
        "request_excerpt", "response_excerpt",
    ];

    private static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>Streams the header and <paramref name="records"/> to <paramref name="stream"/> (left open), flushing as the buffer fills.</summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<int> WriteAsync(Stream stream, IAsyncEnumerable<OpsErrorRecord> records, bool chinese, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            await csv.WriteRecordAsync(Columns, cancellationToken).ConfigureAwait(false);
            var rows = 0;
            await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await csv.WriteRecordAsync(Row(r, chinese), cancellationToken).ConfigureAwait(false);
                rows++;
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
            return rows;
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
