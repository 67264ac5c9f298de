using Microsoft.AspNetCore.Components;

namespace OpenClaw.Dashboard.Components.Controls;

/// <summary>Page state lives in the query string, so every view is a link an operator can share.</summary>
public static class QueryStringNavigation
{
    /// <summary>Sets (or, when empty, removes) one query parameter of the current page, replacing the history entry.</summary>
    public static void SetQuery(this NavigationManager navigation, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        navigation.NavigateTo(navigation.GetUriWithQueryParameter(name, string.IsNullOrEmpty(value) ? null : value), replace: true);
    }
}
