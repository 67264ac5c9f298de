using System.Net;
using System.Text;

namespace OpenClaw.Grains.Notifications;

/// <summary>Renders composed sections in the markup each service understands.</summary>
public static class AlertMessageFormats
{
    /// <summary>
    /// Markdown for WeCom and DingTalk robots: headings, bold labels, links. WeCom's robot markdown supports
    /// <c>#</c> headings, <c>**bold**</c>, <c>[text](url)</c>, quotes and <c>&lt;font color="warning|info|comment"&gt;</c>
    /// (https://developer.work.weixin.qq.com/document/path/91770); DingTalk's markdown message the same subset without
    /// font colours (https://open.dingtalk.com/document/orgapp/custom-robot-access).
    /// </summary>
    public static string Markdown(string title, IReadOnlyList<AlertSection> sections, bool fontColours)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder();
        text.Append("## ").Append(title).Append('\n');
        foreach (var section in sections)
        {
            var heading = fontColours
                ? $"<font color=\"{(section.Resolved ? "info" : section.Severity == Alerts.AlertSeverity.Critical ? "warning" : "comment")}\">{section.Title}</font>"
                : section.Title;
            text.Append("\n### ").Append(heading).Append('\n');
            foreach (var (label, value) in section.Lines)
            {
                text.Append("> **").Append(label).Append("**: ").Append(value).Append('\n');
            }

            text.Append('[').Append(section.LinkText).Append("](").Append(section.Link.AbsoluteUri).Append(")\n");
        }

        return text.ToString();
    }

    /// <summary>Slack <c>mrkdwn</c>: <c>*bold*</c> and <c>&lt;url|text&gt;</c> links, with &amp;, &lt;, &gt; escaped (https://api.slack.com/reference/surfaces/formatting).</summary>
    public static string SlackMrkdwn(string title, IReadOnlyList<AlertSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder().Append('*').Append(SlackEscape(title)).Append("*\n");
        foreach (var section in sections)
        {
            text.Append('\n').Append(section.Resolved ? ":white_check_mark: " : ":rotating_light: ").Append('*').Append(SlackEscape(section.Title)).Append("*\n");
            foreach (var (label, value) in section.Lines)
            {
                text.Append('*').Append(SlackEscape(label)).Append(":* ").Append(SlackEscape(value)).Append('\n');
            }

            text.Append('<').Append(section.Link.AbsoluteUri).Append('|').Append(SlackEscape(section.LinkText)).Append(">\n");
        }

        return text.ToString();
    }

    /// <summary>Plain text (e-mail text part, size estimates).</summary>
    public static string PlainText(string title, IReadOnlyList<AlertSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder().Append(title).Append('\n');
        foreach (var section in sections)
        {
            text.Append('\n').Append(section.Title).Append('\n');
            foreach (var (label, value) in section.Lines)
            {
                text.Append(label).Append(": ").Append(value).Append('\n');
            }

            text.Append(section.LinkText).Append(": ").Append(section.Link.AbsoluteUri).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>HTML (e-mail HTML part), every value encoded.</summary>
    public static string Html(string title, IReadOnlyList<AlertSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2>");
        foreach (var section in sections)
        {
            var colour = section.Resolved ? "#2e7d32" : section.Severity == Alerts.AlertSeverity.Critical ? "#c62828" : "#ef6c00";
            html.Append("<h3 style=\"color:").Append(colour).Append("\">").Append(WebUtility.HtmlEncode(section.Title)).Append("</h3><table>");
            foreach (var (label, value) in section.Lines)
            {
                html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
            }

            html.Append("</table><p><a href=\"").Append(WebUtility.HtmlEncode(section.Link.AbsoluteUri)).Append("\">")
                .Append(WebUtility.HtmlEncode(section.LinkText)).Append("</a></p>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>Estimated UTF-8 size of one section in any of the formats (for packing several alerts into one message).</summary>
    public static int EstimateBytes(AlertSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Encoding.UTF8.GetByteCount(PlainText("", [section])) + 96;
    }

    private static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
