using System.Globalization;

namespace OpenClaw.TikTokShop.Simulator.Faults;

/// <summary>The active fault rules; the first matching rule whose probability roll succeeds applies.</summary>
public sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int? Remaining)> _rules = [];
    private long _nextId;

    /// <summary>Adds a rule and returns it with its id.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            var stored = rule with { Id = "fault-" + (++_nextId).ToString(CultureInfo.InvariantCulture) };
            _rules.Add((stored, rule.Count));
            return stored;
        }
    }

    /// <summary>The active rules.</summary>
    public IReadOnlyList<FaultRule> List()
    {
        lock (_gate)
        {
            return _rules.Select(r => r.Rule with { Count = r.Remaining }).ToList();
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Removes one rule; false when it does not exist.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Rule.Id == id) > 0;
        }
    }

    /// <summary>The rule to apply to a request, consuming one use of a counted rule; null when none applies.</summary>
    public FaultRule? Match(string path, string? shopId)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if ((rule.PathPrefix is { } prefix && !path.StartsWith(prefix, StringComparison.Ordinal))
                    || (rule.ShopId is { } shop && shop != shopId)
                    || Random.Shared.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                if (remaining is { } left)
                {
                    if (left <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = (rule, left - 1);
                    }
                }

                return rule;
            }

            return null;
        }
    }
}
