using System.Globalization;
using CsvHelper;
using OpenClaw.Api.Model;

namespace OpenClaw.Api.Shops;

/// <summary>One data row of a token CSV: the request it carries, or why it cannot be one.</summary>
/// <param name="Row">The row's line in the file (the header is line 1).</param>
/// <param name="Request">The registration, when the row parsed.</param>
/// <param name="Error">Why the row was refused (never a field's value: they are tokens).</param>
public sealed record TokenCsvRow(long Row, ConnectShopRequest? Request, string? Error);

/// <summary>
/// Reads the CSV of <c>POST /api/v1/shops/import</c> with CsvHelper: UTF-8 with or without a byte order mark, comma
/// separated, a header naming the columns of <c>POST /api/v1/shops</c> (<see cref="Columns"/>; <c>granted_scopes</c>
/// optional, space separated), one shop grant per line. A malformed line becomes a failed row; the others still parse.
/// </summary>
public static class TokenCsv
{
    /// <summary>Required columns, in the order the documentation shows them.</summary>
    public static readonly IReadOnlyList<string> Columns = ["access_token", "access_token_expires_at", "refresh_token", "refresh_token_expires_at"];

    /// <summary>The optional column.</summary>
    public const string ScopesColumn = "granted_scopes";

    /// <summary>The rows of <paramref name="csv"/>, or null with the missing columns when the header is unusable.</summary>
    public static IReadOnlyList<TokenCsvRow>? Read(byte[] csv, out IReadOnlyList<string> missingColumns)
    {
        var rows = new List<TokenCsvRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false, // one bad quote cannot swallow the rest of the file
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            MaxRecordSize = 64 * 1024,
            OnMalformedRecord = bad => rows.Add(new TokenCsvRow(bad.LineNumber, null, $"malformed CSV line ({Describe(bad.Reason)})")),
        };
        using var reader = CsvReader.Create(csv, options);
        reader.ReadHeader();
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        missingColumns = [.. Columns.Where(c => !headers.Contains(c, StringComparer.Ordinal))];
        if (missingColumns.Count > 0)
        {
            return null;
        }

        var index = Columns.Append(ScopesColumn).ToDictionary(c => c, c => headers.IndexOf(c), StringComparer.Ordinal);
        while (reader.Read())
        {
            string? Field(string column) => index[column] is >= 0 and var i && !reader.IsEmpty(i) ? reader.GetString(i).Trim() : null;
            var access = Time(Field("access_token_expires_at"));
            var refresh = Time(Field("refresh_token_expires_at"));
            var scopes = Field(ScopesColumn)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var request = new ConnectShopRequest(Field("access_token"), access, Field("refresh_token"), refresh, scopes);
            var errors = request.Validate();
            if (Field("access_token_expires_at") is not null && access is null)
            {
                errors["access_token_expires_at"] = ["access_token_expires_at must be ISO 8601 with an offset"];
            }

            if (Field("refresh_token_expires_at") is not null && refresh is null)
            {
                errors["refresh_token_expires_at"] = ["refresh_token_expires_at must be ISO 8601 with an offset"];
            }

            rows.Add(errors.Count == 0
                ? new TokenCsvRow(reader.LineNumber, request, null)
                : new TokenCsvRow(reader.LineNumber, null, string.Join("; ", errors.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal))));
        }

        return [.. rows.OrderBy(r => r.Row)];
    }

    private static DateTimeOffset? Time(string? text) =>
        text is { Length: <= 64 } && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "it has a different number of fields than the header",
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => "a quote is not closed on its line",
        _ => "bad quoting",
    };
}
