using Microsoft.AspNetCore.Components;

namespace OpenClaw.Dashboard.Authentication;

/// <summary>Sends the operator back to sign-in when the API refuses the key (expired or revoked).</summary>
public sealed class SessionExpiry(NavigationManager navigation)
{
    /// <summary>Path that signs out and shows the sign-in page with an "expired" message.</summary>
    public const string ExpiredPath = "account/expired";

    /// <summary>Navigates to <see cref="ExpiredPath"/> with a full page load when a page is rendering; else does nothing.</summary>
    public Task ExpireAsync()
    {
        try
        {
            navigation.NavigateTo(ExpiredPath, forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // Not in a page (a CSV export request): the endpoint answers 401 itself.
        }

        return Task.CompletedTask;
    }
}
