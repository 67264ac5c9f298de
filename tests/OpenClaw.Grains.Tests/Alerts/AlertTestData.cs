using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>Alert notifications made by real alert books, so tests route exactly what the book emits.</summary>
internal sealed class AlertTestData(FakeTimeProvider time, string tenant = "agency-1")
{
    private readonly Dictionary<string, AlertBook> _books = new(StringComparer.Ordinal);

    public static AlertRule Rule(string metric, double threshold = 5, AlertSeverity severity = AlertSeverity.Warning) =>
        new("r-" + metric, metric, AlertComparator.GreaterThan, threshold, TimeSpan.FromMinutes(15), TimeSpan.Zero, severity, null, AlertScope.AllShops);

    public AlertBook Book(string shop) =>
        _books.TryGetValue(shop, out var book) ? book : _books[shop] = new AlertBook(tenant, shop, new AlertBookState(), time) { ShopName = "店铺 " + shop };

    public AlertNotification Fire(string shop, string metric, double value = 50) => Single(shop, b => b.Observe(Rule(metric), value));

    public AlertNotification Resolve(string shop, string metric) => Single(shop, b => b.Observe(Rule(metric), 0));

    public AlertNotification Raise(string shop, InstantEventKind kind, string? subject = null) =>
        Single(shop, b => b.Raise(new InstantAlertEvent(kind, subject)));

    public AlertNotification Clear(string shop, InstantEventKind kind) => Single(shop, b => b.Clear(kind));

    private AlertNotification Single(string shop, Action<AlertBook> act)
    {
        var book = Book(shop);
        act(book);
        return Assert.Single(book.TakeNotifications());
    }
}
