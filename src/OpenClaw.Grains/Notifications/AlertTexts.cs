using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>The words of alert messages in one language. <see cref="For"/> picks English or Simplified Chinese.</summary>
public sealed record AlertTexts(
    string Firing,
    string Resolved,
    string Shop,
    string What,
    string Severity,
    string Since,
    string ResolvedAt,
    string OpenDashboard,
    string BatchTitle,
    string TestTitle,
    string TestBody,
    string Above,
    string Below,
    string AtOrAbove,
    string AtOrBelow,
    string IsNow,
    string Threshold,
    IReadOnlyDictionary<AlertSeverity, string> Severities,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>English.</summary>
    public static AlertTexts English { get; } = new(
        "FIRING", "RESOLVED", "Shop", "What", "Severity", "Since", "Resolved at", "Open in dashboard",
        "OpenClaw: {0} alert update(s)", "OpenClaw test message", "This is a test message from OpenClaw. The channel works.",
        "above", "below", "at or above", "at or below", "is", "threshold",
        new Dictionary<AlertSeverity, string> { [AlertSeverity.Info] = "Info", [AlertSeverity.Warning] = "Warning", [AlertSeverity.Critical] = "Critical" },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertMetrics.FastDispatchRate48h] = "48-hour dispatch rate",
            [AlertMetrics.RefundRate] = "Refund rate",
            [AlertMetrics.ValidTrackingRate] = "Valid tracking rate",
            [AlertMetrics.LateDispatchRate] = "Late dispatch rate",
            [AlertMetrics.SellerFaultCancellationRate] = "Seller-fault cancellation rate",
            [AlertMetrics.SyncLagSeconds] = "Sync lag",
            [AlertMetrics.ApiErrorRate] = "API error rate",
            ["policy_violation"] = "New policy violation",
            ["listing_rejected"] = "Listing rejected",
            ["listing_deactivated"] = "Listing deactivated",
            ["shop_deactivated"] = "Shop deactivated by TikTok",
            ["needs_reauthorization"] = "Shop needs re-authorization",
            ["authorization_expiring"] = "Authorization expires within 7 days",
            ["sync_stalled"] = "Data sync has stalled",
            ["daily_quota_nearly_spent"] = "Daily API quota nearly used up",
        });

    /// <summary>Simplified Chinese (简体中文).</summary>
    public static AlertTexts SimplifiedChinese { get; } = new(
        "告警", "已恢复", "店铺", "问题", "级别", "开始时间", "恢复时间", "在控制台查看",
        "OpenClaw：{0} 条告警通知", "OpenClaw 测试消息", "这是一条来自 OpenClaw 的测试消息，说明该通知渠道配置正确。",
        "高于", "低于", "达到或高于", "达到或低于", "为", "阈值",
        new Dictionary<AlertSeverity, string> { [AlertSeverity.Info] = "提示", [AlertSeverity.Warning] = "警告", [AlertSeverity.Critical] = "严重" },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertMetrics.FastDispatchRate48h] = "48 小时发货率",
            [AlertMetrics.RefundRate] = "退款率",
            [AlertMetrics.ValidTrackingRate] = "有效物流追踪率",
            [AlertMetrics.LateDispatchRate] = "延迟发货率",
            [AlertMetrics.SellerFaultCancellationRate] = "商家原因取消率",
            [AlertMetrics.SyncLagSeconds] = "数据同步延迟",
            [AlertMetrics.ApiErrorRate] = "API 调用错误率",
            ["policy_violation"] = "新增违规记录",
            ["listing_rejected"] = "商品审核未通过",
            ["listing_deactivated"] = "商品已被下架",
            ["shop_deactivated"] = "店铺已被 TikTok 停用",
            ["needs_reauthorization"] = "店铺授权已失效，请重新授权",
            ["authorization_expiring"] = "店铺授权将在 7 天内到期",
            ["sync_stalled"] = "数据同步已停滞",
            ["daily_quota_nearly_spent"] = "今日 API 调用额度即将用完",
        });

    /// <summary>The texts of <paramref name="language"/>.</summary>
    public static AlertTexts For(NotificationLanguage language) => language == NotificationLanguage.SimplifiedChinese ? SimplifiedChinese : English;

    /// <summary>True for Chinese texts (no spaces around CJK punctuation, full-width parentheses).</summary>
    public bool IsChinese => ReferenceEquals(this, SimplifiedChinese);

    /// <summary>Display name of a metric or event key; the key itself when unknown.</summary>
    public string NameOf(string key) => Names.GetValueOrDefault(key, key);
}
