using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Json;

/// <summary>Contract §5: money is a dot-decimal string. Anything else is a bad response, never a different amount.</summary>
public sealed class MoneyParsingTests
{
    public static readonly TheoryData<string, decimal> Valid = new()
    {
        { "0", 0m },
        { "12.5", 12.5m },
        { "12.50", 12.50m },
        { "1234567.89", 1234567.89m },
        { "0.01", 0.01m },
        { "0.00", 0m },
        { "120000", 120000m },                                       // VND/IDR: no minor units
        { "012.50", 12.50m },                                        // a leading zero changes nothing
        { "1234567890123456789012345678", 1234567890123456789012345678m },   // 28 digits: still exact
        { "12345678901234567890.12345678", 12345678901234567890.12345678m },
    };

    public static readonly TheoryData<string> Invalid = new()
    {
        "12,50", "1,234.00", "1 234.00", "1_000", " 12.50", "12.50 ", "\t12.50", "12.50\n", "12 50",
        "1.2.3", "12.5.0", "12.", ".5", ".", "1e3", "1E3", "1.0e1", "+5", "-5", "--5", "5-", "-",
        "", "NaN", "nan", "Infinity", "-Infinity", "∞", "0x1F", "1F", "$12.50", "12.50USD",
        "１２", "１２.５０", "١٢", "१२",                            // full-width, Arabic-Indic, Devanagari digits
        "12345678901234567890123456789",                             // 29 digits: decimal would round
        "0.0000000000000000000000000001",                            // 29 digits with the leading zero
    };

    public static readonly TheoryData<string, decimal> ValidWhenNegativesAllowed = new()
    {
        { "-5", -5m }, { "-0.01", -0.01m }, { "-0", 0m }, { "12.50", 12.50m },
    };

    public static readonly TheoryData<string> InvalidEvenWhenNegativesAllowed = new()
    {
        "+5", "--5", "-", "5-", "- 5", "-.5", "-5.", "(5)", "−5",    // the last is U+2212 MINUS SIGN
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Dot_decimal_strings_parse_to_exactly_their_value(string text, decimal expected)
    {
        Assert.True(WireDecimal.TryParse(text, allowNegative: false, out var fromChars));
        Assert.True(WireDecimal.TryParse(Encoding.UTF8.GetBytes(text), allowNegative: false, out var fromUtf8));
        Assert.Equal(expected, fromChars);
        Assert.Equal(expected, fromUtf8);
        Assert.Equal(expected, ReadPayment(JsonSerializer.Serialize(text)));
        Assert.Equal(expected, ReadPayment("\"" + text + "\""));
        if (!(text.Length > 1 && text[0] == '0' && text[1] != '.'))
        {
            Assert.Equal(expected, ReadPayment(text));               // the same grammar for a JSON number (JSON forbids "012.50")
        }
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Anything_else_is_refused_by_the_parser_and_is_a_json_error_as_string_or_number(string text)
    {
        Assert.False(WireDecimal.TryParse(text, allowNegative: false, out _));
        Assert.False(WireDecimal.TryParse(Encoding.UTF8.GetBytes(text), allowNegative: false, out _));
        // Encoded (escaped where needed), and as raw UTF-8 bytes when that is still valid JSON.
        Assert.Throws<JsonException>(() => ReadPayment(JsonSerializer.Serialize(text)));
        if (!text.Any(char.IsControl))
        {
            Assert.Throws<JsonException>(() => ReadPayment("\"" + text + "\""));
        }
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E+3")]
    [InlineData("-5")]
    [InlineData("1.5e0")]
    [InlineData("-0")]
    public void A_json_number_token_follows_the_same_grammar(string number)
    {
        Assert.Throws<JsonException>(() => ReadPayment(number));
    }

    [Theory]
    [MemberData(nameof(ValidWhenNegativesAllowed))]
    public void A_leading_minus_is_accepted_only_when_the_caller_allows_it(string text, decimal expected)
    {
        Assert.True(WireDecimal.TryParse(text, allowNegative: true, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(text.StartsWith('-'), !WireDecimal.TryParse(text, allowNegative: false, out _));
    }

    [Theory]
    [MemberData(nameof(InvalidEvenWhenNegativesAllowed))]
    public void Other_signs_are_refused_even_when_negatives_are_allowed(string text)
    {
        Assert.False(WireDecimal.TryParse(text, allowNegative: true, out _));
    }

    [Fact]
    public async Task An_order_total_of_12_comma_50_is_a_typed_bad_response_naming_the_field_not_1250()
    {
        var order = Envelopes.OneOrder.Replace("\"total_amount\":\"21.90\"", "\"total_amount\":\"12,50\"", StringComparison.Ordinal);
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{\"orders\":[" + order + "]}"));
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Orders.GetAsync(TestClients.Shop, ["576000000000000001"], cancellationToken: TestContext.Current.CancellationToken);

        var thrown = Assert.Throws<TikTokShopException>(() => result.GetValueOrThrow());
        Assert.Equal(ErrorCatalogue.Keys.BadResponse, thrown.Error.Entry.Key);
        Assert.Contains("dot-decimal", thrown.Error.Message, StringComparison.Ordinal);
        Assert.Contains("$.orders[0].payment.total_amount", thrown.Error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public void Every_decimal_the_client_reads_goes_through_the_strict_converter()
    {
        var context = TikTokShopJsonContext.Default;
        var roots = typeof(TikTokShopJsonContext).GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);
        var seen = new HashSet<Type>();
        var decimals = roots.SelectMany(t => DecimalProperties(context, context.GetTypeInfo(t)!, seen)).ToList();

        // Order payment (6) and line item (2), SKU price, refund amount, performance amount and counts (5).
        Assert.True(decimals.Count >= 15, string.Join(", ", decimals));
        Assert.All(decimals, d => Assert.True(d.Converter == typeof(DecimalStringConverter), d.Name + " is read without the strict converter"));
    }

    private static decimal? ReadPayment(string totalAmountJson) =>
        JsonSerializer.Deserialize("{\"currency\":\"USD\",\"total_amount\":" + totalAmountJson + "}", TikTokShopJsonContext.Default.OrderPayment)!.TotalAmount;

    private static IEnumerable<(string Name, Type? Converter)> DecimalProperties(JsonSerializerContext context, JsonTypeInfo info, HashSet<Type> seen)
    {
        if (!seen.Add(info.Type))
        {
            yield break;
        }

        if (info is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } && context.GetTypeInfo(element) is { } elementInfo)
        {
            foreach (var found in DecimalProperties(context, elementInfo, seen))
            {
                yield return found;
            }
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            yield break;
        }

        foreach (var property in info.Properties)
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(decimal))
            {
                // A decimal? property gets the converter wrapped for null handling: read the declared one.
                var declared = (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
                yield return (info.Type.Name + "." + property.Name, property.CustomConverter is DecimalStringConverter ? typeof(DecimalStringConverter) : declared);
            }
            else if (context.GetTypeInfo(property.PropertyType) is { } nested)
            {
                foreach (var found in DecimalProperties(context, nested, seen))
                {
                    yield return found;
                }
            }
        }
    }
}
