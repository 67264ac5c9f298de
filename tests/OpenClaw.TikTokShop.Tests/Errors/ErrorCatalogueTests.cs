using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Tests.Errors;

public sealed class ErrorCatalogueTests
{
    // Every code of contract §3 and the §4 table (/work/shared/tiktok-shop-api.md).
    public static readonly TheoryData<int, int, ErrorCategory, bool> ContractCodes = new()
    {
        { 36009002, 429, ErrorCategory.RateLimit, true },
        { 36009037, 429, ErrorCategory.RateLimit, true },
        { 45101004, 200, ErrorCategory.RateLimit, false },
        { 36009003, 500, ErrorCategory.Server, true },
        { 36009007, 504, ErrorCategory.Server, true },
        { 105002, 401, ErrorCategory.Auth, false },
        { 105005, 403, ErrorCategory.Permission, false },
        { 101000, 401, ErrorCategory.Auth, false },
        { 106001, 401, ErrorCategory.BadRequest, false },
        { 106013, 400, ErrorCategory.BadRequest, false },
        { 36009004, 400, ErrorCategory.BadRequest, false },
        { 36009009, 404, ErrorCategory.NotFound, false },
        { 36009010, 405, ErrorCategory.NotFound, false },
        { 36009014, 400, ErrorCategory.BadRequest, false },
        { 36009033, 403, ErrorCategory.Permission, false },
        { 36009043, 401, ErrorCategory.Permission, false },
        { 36009044, 401, ErrorCategory.Permission, false },
        { 12052180, 400, ErrorCategory.BadRequest, false },
        { 21008111, 400, ErrorCategory.BadRequest, false },
        { 25001001, 400, ErrorCategory.BadRequest, false },
        { 36004004, 200, ErrorCategory.Auth, false },
        { 36004001, 200, ErrorCategory.Auth, false },
        { 36004005, 200, ErrorCategory.Auth, false },
    };

    [Theory]
    [MemberData(nameof(ContractCodes))]
    public void Every_contract_code_has_an_entry_with_category_retryability_and_both_languages(int code, int status, ErrorCategory category, bool retryable)
    {
        Assert.True(ErrorCatalogue.Contains(code));
        var entry = ErrorCatalogue.Resolve(code, status, "anything");

        Assert.Equal(code, entry.Code);
        Assert.Equal(category, entry.Category);
        Assert.Equal(retryable, entry.Retryable);
    }

    [Fact]
    public void Every_entry_has_english_and_chinese_diagnosis_and_fix()
    {
        foreach (var entry in ErrorCatalogue.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.DiagnosisEn), entry.Key);
            Assert.False(string.IsNullOrWhiteSpace(entry.FixEn), entry.Key);
            Assert.Contains(entry.DiagnosisZh, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.Contains(entry.FixZh, c => c >= '\u4e00' && c <= '\u9fff');
        }

        Assert.Equal(ErrorCatalogue.Entries.Count, ErrorCatalogue.Entries.Select(e => e.Key).Distinct().Count());
    }

    [Theory]
    [InlineData("timestamp is invalid: outside the allowed window", "36009004:timestamp")]
    [InlineData("unexpected shop_cipher for this path", "36009004:shop_cipher")]
    [InlineData("invalid app_key", "36009004:app_key")]
    [InlineData("missing sign", "36009004:sign")]
    [InlineData("invalid access token header x-tts-access-token", "36009004:token")]
    [InlineData("invalid shop_id", "36009004:shop_id")]
    [InlineData("invalid version", "36009004:version")]
    [InlineData("missing required body param order_ids", "36009004:param")]
    [InlineData("invalid page_size: must be an integer from 1 to 100", "36009004:param")]
    [InlineData("invalid page_token", "36009004:param")]
    [InlineData("something else entirely", "36009004")]
    [InlineData(null, "36009004")]
    public void Overloaded_36009004_branches_on_the_message_keyword(string? message, string expectedKey)
    {
        Assert.Equal(expectedKey, ErrorCatalogue.Resolve(36009004, 400, message).Key);
    }

    // Whole words and phrases only, case-insensitive, the most specific first (contract §4).
    [Theory]
    [InlineData("invalid param: consignment_id", "36009004:param")]
    [InlineData("consignment_id", "36009004")]
    [InlineData("design", "36009004")]
    [InlineData("invalid design_id", "36009004")]
    [InlineData("signature", "36009004:sign")]
    [InlineData("Invalid Signature", "36009004:sign")]
    [InlineData("sign is missing", "36009004:sign")]
    [InlineData("MISSING SIGN", "36009004:sign")]
    [InlineData("invalid sign", "36009004:sign")]
    [InlineData("assignee_id is invalid", "36009004")]
    [InlineData("shop_cipher unexpected", "36009004:shop_cipher")]
    [InlineData("shop cipher unexpected", "36009004:shop_cipher")]
    [InlineData("invalid app_key", "36009004:app_key")]
    [InlineData("invalid appkey", "36009004:app_key")]
    [InlineData("invalid app_key or app_secret", "36009004:app_key")]
    [InlineData("timestamp expired", "36009004:timestamp")]
    [InlineData("invalid param: timestamp", "36009004:timestamp")]
    [InlineData("Timestamp is outside the allowed window (now - 5 min ... now + 30 s)", "36009004:timestamp")]
    [InlineData("invalid token header: x-tts-access-token is missing", "36009004:token")]
    [InlineData("invalid grant_type: refresh_token expected", "36009004")]
    [InlineData("invalid parameter ids: 1 to 50 order ids", "36009004:param")]
    [InlineData("invalid request body: malformed JSON", "36009004:param")]
    [InlineData("invalid page_token", "36009004:param")]
    [InlineData("invalid page token", "36009004:param")]
    [InlineData("invalid shop_id", "36009004:shop_id")]
    [InlineData("invalid version_id", "36009004")]
    [InlineData("parametric", "36009004")]
    public void Overloaded_36009004_matches_whole_words_not_substrings(string message, string expectedKey)
    {
        Assert.Equal(expectedKey, ErrorCatalogue.Resolve(36009004, 400, message).Key);
    }

    [Theory]
    [InlineData(null, 503, "http_503", true)]
    [InlineData(null, 502, "http_5xx", true)]
    [InlineData(null, 429, "http_429", true)]
    [InlineData(null, 418, "http_4xx", false)]
    [InlineData(99999999, 200, "unknown_code", false)]
    [InlineData(99999999, 500, "http_5xx", true)]
    public void Failures_without_a_known_code_fall_back_to_the_http_status(int? code, int status, string key, bool retryable)
    {
        var entry = ErrorCatalogue.Resolve(code, status, null);

        Assert.Equal(key, entry.Key);
        Assert.Equal(retryable, entry.Retryable);
    }

    [Fact]
    public void Only_throttling_codes_are_reported_to_the_rate_budget()
    {
        var reported = ErrorCatalogue.Entries.Where(e => e.IsRateLimit).Select(e => e.Key).Order().ToArray();

        Assert.Equal(["36009002", "36009037", "http_429"], reported);
        Assert.False(ErrorCatalogue.Get("45101004").IsRateLimit);
        Assert.Equal(OpenClawReaction.PauseUntilNextDay, ErrorCatalogue.Get("45101004").Reaction);
    }

    [Fact]
    public void Pseudo_entries_exist_for_network_timeout_and_bad_responses()
    {
        Assert.Equal(ErrorCategory.Network, ErrorCatalogue.Get(ErrorCatalogue.Keys.Network).Category);
        Assert.Equal(ErrorCategory.Network, ErrorCatalogue.Get(ErrorCatalogue.Keys.Timeout).Category);
        Assert.Equal(ErrorCategory.BadResponse, ErrorCatalogue.Get(ErrorCatalogue.Keys.BadResponse).Category);
        Assert.Equal(ErrorCategory.BadResponse, ErrorCatalogue.Get(ErrorCatalogue.Keys.ResponseTooLarge).Category);
        Assert.True(ErrorCatalogue.Get(ErrorCatalogue.Keys.TruncatedResponse).Retryable);
        Assert.False(ErrorCatalogue.Get(ErrorCatalogue.Keys.BadResponse).Retryable);
    }
}
