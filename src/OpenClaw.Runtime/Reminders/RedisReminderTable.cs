using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Reminders;

/// <summary>
/// Reminders in Redis: hash <c>{ServiceId}/reminders</c> (field = grain type, key and name; value = first tick, next
/// due and period in ms), a sorted set <c>{ServiceId}/reminders/due</c> by next due time, and a set of names per grain.
/// </summary>
internal sealed class RedisReminderTable(IConnectionMultiplexer redis, string serviceId) : IReminderTable
{
    private const string UpsertScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        redis.call('SADD', KEYS[3], ARGV[4])
        return 1
        """;

    private const string RemoveScript = """
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[3], ARGV[2])
        return 1
        """;

    // Only a reminder that is still the one that fired moves on; a re-registration or removal wins.
    private const string AdvanceScript = """
        if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
          return 1
        end
        return 0
        """;

    private readonly string table = serviceId + "/reminders";
    private readonly string due = serviceId + "/reminders/due";

    public Task UpsertAsync(ReminderEntry entry) =>
        redis.GetDatabase().ScriptEvaluateAsync(
            UpsertScript,
            [table, due, GrainSet(entry.GrainId)],
            [Field(entry.GrainId, entry.ReminderName), Encode(entry), Ms(entry.NextDue), entry.ReminderName]);

    public Task RemoveAsync(GrainId grainId, string reminderName) =>
        redis.GetDatabase().ScriptEvaluateAsync(RemoveScript, [table, due, GrainSet(grainId)], [Field(grainId, reminderName), reminderName]);

    public async Task<ReminderEntry?> GetAsync(GrainId grainId, string reminderName)
    {
        var value = await redis.GetDatabase().HashGetAsync(table, Field(grainId, reminderName)).ConfigureAwait(false);
        return value.IsNull ? null : Decode(grainId, reminderName, value!);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainId grainId)
    {
        var db = redis.GetDatabase();
        var names = await db.SetMembersAsync(GrainSet(grainId)).ConfigureAwait(false);
        var result = new List<ReminderEntry>();
        foreach (var name in names)
        {
            if (await GetAsync(grainId, name!).ConfigureAwait(false) is { } entry)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ReminderEntry>> DueAsync(DateTime now, int limit)
    {
        var db = redis.GetDatabase();
        var fields = await db.SortedSetRangeByScoreAsync(due, double.NegativeInfinity, Ms(now), take: limit).ConfigureAwait(false);
        if (fields.Length == 0)
        {
            return [];
        }

        var values = await db.HashGetAsync(table, fields).ConfigureAwait(false);
        var result = new List<ReminderEntry>(fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            var parts = ((string)fields[i]!).Split('\n');
            if (parts.Length == 3 && !values[i].IsNull)
            {
                result.Add(Decode(new GrainId(parts[0], parts[1]), parts[2], values[i]!));
            }
        }

        return result;
    }

    public Task AdvanceAsync(ReminderEntry fired, DateTime nextDue) =>
        redis.GetDatabase().ScriptEvaluateAsync(
            AdvanceScript,
            [table, due],
            [Field(fired.GrainId, fired.ReminderName), Encode(fired), Encode(fired with { NextDue = nextDue }), Ms(nextDue)]);

    private string GrainSet(GrainId grainId) => serviceId + "/reminders/grain/" + grainId;

    private static string Field(GrainId grainId, string name) => grainId.Type + "\n" + grainId.Key + "\n" + name;

    private static long Ms(DateTime time) => new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static string Encode(ReminderEntry entry) => string.Create(
        CultureInfo.InvariantCulture, $"{Ms(entry.FirstTick)}|{Ms(entry.NextDue)}|{(long)entry.Period.TotalMilliseconds}");

    private static ReminderEntry Decode(GrainId grainId, string name, string value)
    {
        var parts = value.Split('|');
        DateTime At(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)).UtcDateTime;
        return new ReminderEntry(grainId, name, At(parts[0]), At(parts[1]), TimeSpan.FromMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture)));
    }
}
