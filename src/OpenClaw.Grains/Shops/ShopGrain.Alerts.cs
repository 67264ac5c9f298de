using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Alerts.Evaluation;
using OpenClaw.Grains.Alerts.Index;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Shops;

// The alert book (ARCHITECTURE §5): condition events after every turn that may change them, listing events after
// product upserts, metric rules on a timer. Changes are persisted with the book ("alerts"), indexed for the tenant
// and handed to the tenant's router; what the router has not accepted yet is kept and sent again.
public sealed partial class ShopGrain : IShopAlertsGrain
{
    private ShopAlertServices? _alertServices;
    private AlertBook? _book;
    private string? _bookTenant;
    private string? _alertSignature;
    private string? _conditionKey;
    private bool _alertsDirty;
    private IGrainTimer? _alertTimer;
    private AlertRuleSet _rules = new(-1, []);

    // The API error rate's counts (failed attempts from the failure hook, successes from CallsToday): per activation.
    private readonly ApiCallWindow _apiCalls = new();

    // How old the app-wide budget usage behind the quota condition may be (read once per silo, not per shop).
    private static readonly TimeSpan SharedUsageAge = TimeSpan.FromSeconds(5);

    // The shop-health rates the alert timer read last; ShopGrain.Metrics forgets them whenever it writes the buckets.
    private readonly MetricRatesMemo _metricRates = new();

    private ShopAlertServices AlertServices => _alertServices ??= ServiceProvider.GetRequiredService<ShopAlertServices>();

    private bool IsConnected => shop.State.Status is not (ShopStatus.NotConnected or ShopStatus.Disconnected);

    // The book of the shop's current tenant; null before the shop is connected.
    private AlertBook? Book
    {
        get
        {
            var tenantId = shop.State.TenantId;
            if (tenantId.Length == 0)
            {
                return null;
            }

            if (_book is null || _bookTenant != tenantId)
            {
                _book = new AlertBook(tenantId, ShopId, alerts.State, time, AlertServices.Options.Book);
                _bookTenant = tenantId;
                _alertSignature = AlertEntries.Signature(alerts.State, ShopNameForAlerts);
            }

            _book.ShopName = ShopNameForAlerts;
            return _book;
        }
    }

    private string ShopNameForAlerts => shop.State.ShopName.Length > 0 ? shop.State.ShopName : ShopId;

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertEntry>> GetAlertsAsync() =>
        Task.FromResult(Book is null ? (IReadOnlyList<AlertEntry>)[] : AlertEntries.Of(shop.State.TenantId, ShopId, ShopNameForAlerts, alerts.State));

    /// <inheritdoc />
    public async Task<AlertEntry?> AcknowledgeAlertAsync(string fingerprint, string by, string? comment)
    {
        if (Book is not { } book || !book.Acknowledge(fingerprint, by, comment))
        {
            return null;
        }

        await CommitAlertsAsync([]);
        return AlertEntries.Of(shop.State.TenantId, ShopId, ShopNameForAlerts, alerts.State).FirstOrDefault(e => e.Fingerprint == fingerprint);
    }

    /// <inheritdoc />
    public async Task<AlertSilence?> SilenceAlertAsync(string fingerprint, string by, DateTimeOffset until, string? comment)
    {
        if (Book is not { } book || book.Silence(fingerprint, by, until, comment) is not { } silence)
        {
            return null;
        }

        await CommitAlertsAsync([]);
        return silence;
    }

    private void StartAlertTimer()
    {
        if (_alertTimer is null && IsConnected)
        {
            var period = AlertServices.Options.EvaluationInterval;
            _alertTimer = this.RegisterGrainTimer(EvaluateAlertsAsync, new GrainTimerCreationOptions(period, period));
        }
    }

    // The metric evaluation (timer): rules from the tenant, values from the sources, conditions with the quota, trimming.
    private async Task EvaluateAlertsAsync(CancellationToken cancellationToken)
    {
        if (!IsConnected || Book is not { } book)
        {
            return;
        }

        try
        {
            var tenant = GrainFactory.GetGrain<ITenantAlertsGrain>(shop.State.TenantId);
            if (await tenant.GetRulesIfChangedAsync(_rules.Version) is { } changed)
            {
                _rules = AlertServices.RuleSets.Share(shop.State.TenantId, changed);
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            LogAlertsUnavailable(ShopId, ex.GetType().Name); // keep the rules known; without any, metrics wait
        }

        var report = Report();
        _apiCalls.ObserveCallsToday(report.CallsToday, time.GetUtcNow());
        if (_rules.Version >= 0)
        {
            var effective = AlertRuleResolver.Resolve(_rules.Rules, ShopId, shop.State.Tags);
            book.Reconcile(effective);
            var values = await AlertServices.Values.GetValuesAsync(new AlertValueQuery(ShopId, shop.State.TimeZone, effective, report, time.GetUtcNow(), _apiCalls, _metricRates), cancellationToken);
            foreach (var rule in effective)
            {
                if (values.TryGetValue(rule.RuleId, out var value))
                {
                    book.Observe(rule, value);
                }
            }
        }

        RateBudgetUsage? usage = null;
        try
        {
            usage = await services.Budget.GetSharedUsageAsync(SharedUsageAge);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // the quota condition stays as it is until the budget answers again
        }

        ApplyConditions(book, report, usage);
        var before = book.State.Alerts.Keys.ToList();
        book.Tick();
        await CommitAlertsAsync([.. before.Where(f => !book.State.Alerts.ContainsKey(f))]);
    }

    // After a turn, a webhook or a connection change: the condition events, when anything they depend on moved.
    private async Task UpdateAlertConditionsAsync()
    {
        if (Book is not { } book)
        {
            return;
        }

        var report = Report();
        _apiCalls.ObserveCallsToday(report.CallsToday, time.GetUtcNow());
        var t = tokens.State;
        var key = $"{shop.State.Status}|{shop.State.StatusReason}|{t.Status}|{t.AuthorizationExpiresAt:O}|{t.RefreshTokenExpiresAt:O}|{sync.State.Cursors.Values.Sum(c => c.ConsecutiveFailures)}";
        if (key == _conditionKey && !_alertsDirty)
        {
            return;
        }

        _conditionKey = key;
        _alertsDirty = false;
        ApplyConditions(book, report, usage: null);
        if (!IsConnected)
        {
            book.Reconcile([]); // a disconnected shop has no rules: its metric alerts end
        }

        await CommitAlertsAsync([]);
    }

    private void ApplyConditions(AlertBook book, ShopSyncReport report, RateBudgetUsage? usage)
    {
        foreach (var condition in ShopConditions.Evaluate(report, usage, AlertServices.Options, time.GetUtcNow()))
        {
            if (condition.Holds)
            {
                book.Raise(condition.ToEvent());
            }
            else
            {
                book.Clear(condition.Kind, condition.Subject);
            }
        }
    }

    // Upserts a page; product versions that newly say "deactivated", "frozen" or "audit failed" raise listing events
    // (not on backfill pages: history found at onboarding is not news). The raised alerts are persisted before the
    // products are stored: once a product is stored as frozen it is no longer news, so an activation lost in between
    // would otherwise never tell anyone. Stored first, a crash raises it again on the page's retry (a firing alert
    // raised again sends nothing new). They go to the router at once, not at the turn's end.
    private async Task<UpsertResult> UpsertAndWatchAsync(IReadOnlyList<EntityVersion> versions, SyncKind kind)
    {
        var products = kind == SyncKind.Backfill || Book is null ? [] : versions.Where(v => v.Kind == EntityKind.Product).ToList();
        var stored = await Task.WhenAll(products.Select(p => services.Store.GetAsync(ShopId, EntityKind.Product, p.Id)));
        var raised = false;
        for (var i = 0; i < products.Count; i++)
        {
            var current = JsonSerializer.Deserialize(products[i].Json, StoredEntityJson.Default.StoredProduct)!;
            var previous = stored[i] is { } s ? JsonSerializer.Deserialize(s.Json, StoredEntityJson.Default.StoredProduct) : null;
            if (previous is not null && previous.UpdateTime > current.UpdateTime)
            {
                continue; // a stale version: the upsert ignores it
            }

            foreach (var alertEvent in ProductAlertEvents.Of(current, previous))
            {
                Book!.Raise(alertEvent);
                raised = true;
            }
        }

        if (raised)
        {
            alerts.State.Unsent.AddRange(Book!.TakeNotifications());
            await alerts.WriteStateAsync(); // throws: the page fails and nothing is stored, so the retry raises it again
            _alertsDirty = true;
        }

        var result = await services.Store.UpsertAsync(ShopId, versions);
        if (raised)
        {
            await CommitAlertsAsync([]);
        }

        return result;
    }

    // Persists the book and re-indexes it when it changed, then hands unsent changes to the tenant's router.
    private async Task CommitAlertsAsync(IReadOnlyCollection<string> removed)
    {
        if (Book is not { } book)
        {
            return;
        }

        var state = alerts.State;
        state.Unsent.AddRange(book.TakeNotifications());
        try
        {
            var signature = AlertEntries.Signature(state, book.ShopName);
            if (signature != _alertSignature || removed.Count > 0)
            {
                await alerts.WriteStateAsync();
                var entries = AlertEntries.Of(shop.State.TenantId, ShopId, book.ShopName, state);
                var hidden = state.Alerts.Values.Where(r => !AlertEntries.IsVisible(r)).Select(r => r.Fingerprint);
                await AlertServices.Index.WriteAsync(shop.State.TenantId, entries, [.. removed.Concat(hidden)]);
                _alertSignature = signature;
            }

            if (state.Unsent.Count > 0)
            {
                var unsent = state.Unsent.ToList();
                await GrainFactory.GetGrain<ITenantAlertsGrain>(shop.State.TenantId).ReceiveAsync(unsent);
                state.Unsent.RemoveRange(0, unsent.Count);
                await alerts.WriteStateAsync();
                _alertSignature = AlertEntries.Signature(state, book.ShopName);
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or StackExchange.Redis.RedisException)
        {
            LogAlertsUnavailable(ShopId, ex.GetType().Name); // kept in state and memory: the next commit tries again
        }
    }

    private void StopAlertTimer()
    {
        _alertTimer?.Dispose();
        _alertTimer = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId} could not reach the alert store or the tenant's router ({Error}); retrying at the next evaluation")]
    private partial void LogAlertsUnavailable(string shopId, string error);
}
