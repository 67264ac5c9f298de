using System.Text;
using OpenClaw.TikTokShop.Signing;

namespace OpenClaw.TikTokShop.Tests.Signing;

public sealed class RequestSignerTests
{
    [Fact]
    public void Published_vector_for_authorized_shops_matches()
    {
        var sign = RequestSigner.Sign("e59af819cc", "/authorization/202309/shops",
            [new("app_key", "29a39d"), new("timestamp", "1623812664")], []);

        Assert.Equal("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8", sign);
    }

    [Fact]
    public void Published_vector_for_test_api_matches()
    {
        var sign = RequestSigner.Sign("app_secret", "/test-api", [new("foo", "bar")], []);

        Assert.Equal("d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f", sign);
    }

    [Fact]
    public void Reference_implementation_agrees_with_the_published_vector()
    {
        Assert.Equal("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
            ReferenceSigner.Sign("e59af819cc", "/authorization/202309/shops", [("app_key", "29a39d"), ("timestamp", "1623812664")], []));
    }

    [Fact]
    public void Sign_and_access_token_and_empty_values_do_not_change_the_signature()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var plain = RequestSigner.Sign("s", "/order/202309/orders/search", [new("app_key", "k"), new("timestamp", "1")], body);
        var noisy = RequestSigner.Sign("s", "/order/202309/orders/search",
            [new("timestamp", "1"), new("sign", "abc"), new("access_token", "tok"), new("page_token", ""), new("app_key", "k")], body);

        Assert.Equal(plain, noisy);
    }

    [Fact]
    public void Body_bytes_are_signed_as_sent_so_whitespace_changes_the_signature()
    {
        KeyValuePair<string, string>[] query = [new("app_key", "k"), new("timestamp", "1")];
        var compact = RequestSigner.Sign("s", "/p", query, "{\"a\":1,\"b\":2}"u8);
        var spaced = RequestSigner.Sign("s", "/p", query, "{\"a\": 1, \"b\": 2}"u8);
        var reordered = RequestSigner.Sign("s", "/p", query, "{\"b\":2,\"a\":1}"u8);

        Assert.NotEqual(compact, spaced);
        Assert.NotEqual(compact, reordered);
    }

    [Fact]
    public void Signature_is_64_lower_case_hex_characters()
    {
        var sign = RequestSigner.Sign("S", "/p", [new("X", "Y")], []);

        Assert.Matches("^[0-9a-f]{64}$", sign);
    }

    [Fact]
    public void Random_requests_sign_the_same_as_the_independent_implementation()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 500; i++)
        {
            var secret = RandomText(random, 1, 40);
            var path = "/" + RandomText(random, 1, 30);
            var query = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => (Key: RandomText(random, 1, 12), Value: random.Next(5) == 0 ? "" : RandomText(random, 0, 20)))
                .DistinctBy(p => p.Key)
                .ToList();
            var body = random.Next(3) == 0 ? [] : Encoding.UTF8.GetBytes(RandomText(random, 0, 300));

            var expected = ReferenceSigner.Sign(secret, path, query, body);
            var actual = RequestSigner.Sign(secret, path, query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)), body);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Only_authorization_and_seller_paths_go_without_shop_cipher()
    {
        Assert.False(ShopScope.RequiresShopCipher("/authorization/202309/shops"));
        Assert.False(ShopScope.RequiresShopCipher("/seller/202309/permissions"));
        Assert.True(ShopScope.RequiresShopCipher("/order/202309/orders/search"));
        Assert.True(ShopScope.RequiresShopCipher("/return_refund/202309/returns/search"));
        Assert.True(ShopScope.RequiresShopCipher("/event/202309/webhooks"));
    }

    private static string RandomText(Random random, int min, int max)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,:{}\"[] /é中文😀";
        var length = random.Next(min, max + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        // A lone surrogate half is not valid text; keep pairs intact.
        return new string(text.ToString().Where(c => !char.IsSurrogate(c)).ToArray());
    }
}
