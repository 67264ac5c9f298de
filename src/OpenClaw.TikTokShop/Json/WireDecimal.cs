using System.Globalization;

namespace OpenClaw.TikTokShop.Json;

/// <summary>
/// The one parser for decimal text from TikTok: money amounts and the figures read like them (contract §5: "money is a
/// dot-decimal string in the currency's units"). Accepted, ASCII only: <c>digits</c> or <c>digits.digits</c>
/// ("0", "12.5", "12.50", "0.01", "012.50"), with a leading <c>-</c> only when the caller allows negative amounts
/// (no field of the contract does today), and at most <see cref="MaxDigits"/> digits.
/// Everything else is refused, so a differently formatted amount can never turn into a different number:
/// comma decimals ("12,50"), grouping ("1,234.00"), spaces, several points, a point without digits on both sides
/// ("12.", ".5"), exponents ("1e3"), "+", "", NaN/Infinity, hex and non-ASCII digits ("１２").
/// </summary>
internal static class WireDecimal
{
    /// <summary>
    /// Most digits (integer and fraction together) accepted. Every number with at most 28 digits is exact in a
    /// <see cref="decimal"/>, so parsing never rounds; longer text is refused rather than silently rounded.
    /// </summary>
    public const int MaxDigits = 28;

    // Sign + digits + point: anything longer cannot be valid.
    private const int MaxLength = MaxDigits + 2;

    /// <summary>Parses UTF-8 text (a JSON string's or number's raw bytes).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, bool allowNegative, out decimal value)
    {
        value = 0m;
        if (!IsWellFormed(utf8, allowNegative))
        {
            return false;
        }

        // The grammar is already checked; these styles only make the parse agree with it (no culture, no exponent).
        var styles = allowNegative ? NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign : NumberStyles.AllowDecimalPoint;
        return decimal.TryParse(utf8, styles, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses text; see <see cref="TryParse(ReadOnlySpan{byte}, bool, out decimal)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowNegative, out decimal value)
    {
        value = 0m;
        if (text.Length > MaxLength)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[MaxLength];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return TryParse(ascii[..text.Length], allowNegative, out value);
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> text, bool allowNegative)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return false;
        }

        var position = allowNegative && text[0] == (byte)'-' ? 1 : 0;
        var integerDigits = CountDigits(text[position..]);
        if (integerDigits == 0)
        {
            return false;
        }

        position += integerDigits;
        var fractionDigits = 0;
        if (position < text.Length && text[position] == (byte)'.')
        {
            position++;
            fractionDigits = CountDigits(text[position..]);
            if (fractionDigits == 0)
            {
                return false;
            }

            position += fractionDigits;
        }

        return position == text.Length && integerDigits + fractionDigits <= MaxDigits;
    }

    private static int CountDigits(ReadOnlySpan<byte> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit((char)text[count]))
        {
            count++;
        }

        return count;
    }
}
