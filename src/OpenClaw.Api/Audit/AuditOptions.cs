using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Audit;

/// <summary>The audit log (section <c>Api:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:Audit";

    /// <summary>How long entries are kept; older ones are removed on the tenant's next change, and an idle tenant's log expires.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
