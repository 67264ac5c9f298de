namespace OpenClaw.Grains.Shops;

/// <summary>Scheduling settings of shop grains, bound from the <c>Shops</c> configuration section.</summary>
public sealed class ShopGrainOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Shops";

    /// <summary>
    /// Period of each active shop's reminder, which reactivates the shop after a deactivation or a whole-cluster
    /// restart. Orleans refuses periods below <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before a newly connected shop's reminder first fires.</summary>
    public TimeSpan ReminderDueTime { get; set; } = TimeSpan.FromSeconds(30);
}
