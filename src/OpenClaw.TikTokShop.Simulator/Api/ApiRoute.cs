namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>Whether a path takes <c>shop_cipher</c>: required, or forbidden (<c>/authorization</c>, <c>/seller</c>).</summary>
public enum CipherRule
{
    /// <summary>shop-scoped paths: missing → 106013.</summary>
    Required,

    /// <summary>account-scoped paths: sending one → 36009004.</summary>
    Forbidden,
}

/// <summary>One TikTok API operation: method, path template (<c>{name}</c> matches one segment), scope and handler.</summary>
public sealed record ApiRoute(string Method, string Template, string Scope, CipherRule Cipher, Func<ApiCall, object?> Handle)
{
    private readonly string[] _segments = Template.Trim('/').Split('/');

    /// <summary>Matches a path, capturing <c>{name}</c> segments.</summary>
    public bool TryMatch(string[] pathSegments, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(pathSegments);
        values = [];
        if (pathSegments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i].StartsWith('{'))
            {
                values[_segments[i].Trim('{', '}')] = pathSegments[i];
            }
            else if (!string.Equals(_segments[i], pathSegments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the path matches except for the version segment (then the answer is "invalid version").</summary>
    public bool MatchesIgnoringVersion(string[] pathSegments)
    {
        ArgumentNullException.ThrowIfNull(pathSegments);
        if (pathSegments.Length != _segments.Length || pathSegments.Length < 3)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (i != 1 && !_segments[i].StartsWith('{') && !string.Equals(_segments[i], pathSegments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
