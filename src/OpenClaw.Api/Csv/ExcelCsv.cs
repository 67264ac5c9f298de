using CsvHelper;

namespace OpenClaw.Api.Csv;

/// <summary>
/// CSV that Excel opens as intended: UTF-8 with a byte order mark (so Chinese text is not read as the ANSI code page),
/// CRLF line ends and RFC 4180 quoting (CsvHelper), and every text cell starting with <c>= + - @</c>, tab or CR prefixed
/// with <c>'</c> so a spreadsheet shows it instead of running it (OWASP CSV injection).
/// </summary>
public static class ExcelCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>Streams <paramref name="header"/> and <paramref name="rows"/> to <paramref name="stream"/> (left open).</summary>
    /// <returns>The number of rows written (the header not counted).</returns>
    public static async Task<int> WriteAsync(Stream stream, string[] header, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            await csv.WriteRecordAsync(header, cancellationToken).ConfigureAwait(false);
            var count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await csv.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
                count++;
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }
}
