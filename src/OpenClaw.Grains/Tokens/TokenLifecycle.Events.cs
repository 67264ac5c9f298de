using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OpenClaw.Grains.Tokens;

// Encryption at rest, events and expiry warnings of TokenLifecycle.
public sealed partial class TokenLifecycle
{
    /// <summary>The protector for one shop's tokens: purpose <see cref="ProtectorPurpose"/>, sub-purpose the shop id.</summary>
    public static IDataProtector CreateProtector(IDataProtectionProvider provider, string shopId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        return provider.CreateProtector(ProtectorPurpose, shopId);
    }

    /// <summary>Records the authorization expiry announced by webhook type 7 (contract §6); warned about by <see cref="CollectWarnings"/>.</summary>
    public void NoteAuthorizationExpiry(DateTimeOffset expiresAt)
    {
        lock (_gate) { State.AuthorizationExpiresAt = expiresAt.ToUniversalTime(); }
    }

    /// <summary>
    /// Expiry warnings due at <paramref name="now"/>: the refresh token expires within
    /// <see cref="TokenLifecycleOptions.RefreshTokenExpiryWarning"/>, the authorization within
    /// <see cref="TokenLifecycleOptions.AuthorizationExpiryWarning"/>. Each fires once per expiry value (recorded in
    /// <see cref="State"/>, so persist it afterwards).
    /// </summary>
    public IReadOnlyList<TokenEvent> CollectWarnings(DateTimeOffset now)
    {
        lock (_gate)
        {
            List<TokenEvent> warnings = [];
            if (State.Status == TokenStatus.Valid && State.RefreshTokenExpiresAt is { } refreshExpiry
                && now >= refreshExpiry - _options.RefreshTokenExpiryWarning && State.RefreshExpiryWarnedFor != refreshExpiry)
            {
                State.RefreshExpiryWarnedFor = refreshExpiry;
                warnings.Add(new TokenEvent(TokenEventKind.RefreshTokenExpiring, now, refreshExpiry));
            }

            if (State.AuthorizationExpiresAt is { } authExpiry
                && now >= authExpiry - _options.AuthorizationExpiryWarning && State.AuthorizationExpiryWarnedFor != authExpiry)
            {
                State.AuthorizationExpiryWarnedFor = authExpiry;
                warnings.Add(new TokenEvent(TokenEventKind.AuthorizationExpiring, now, authExpiry));
            }

            return warnings;
        }
    }

    /// <summary>
    /// The seller revoked the app (webhook 6, contract §6): no refresh is attempted until a new grant is installed.
    /// Raises no event; the caller reports the deauthorization itself.
    /// </summary>
    public void MarkNeedsReauthorization(string reasonKey)
    {
        lock (_gate)
        {
            _generation++; // a refresh in flight must not revive the revoked grant
            State.Status = TokenStatus.NeedsReauthorization;
            State.LastErrorKey = reasonKey;
            State.NextAttemptAt = null;
        }
    }

    /// <summary>Events raised by refreshes since the last call (e.g. <see cref="TokenEventKind.NeedsReauthorization"/>), then cleared.</summary>
    public IReadOnlyList<TokenEvent> TakeEvents()
    {
        lock (_gate)
        {
            TokenEvent[] events = [.. _pending];
            _pending.Clear();
            return events;
        }
    }

    private string Decrypt(string? protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken ?? throw new TokenUnavailableException(TokenUnavailableReason.NotConnected));
        }
        catch (CryptographicException)
        {
            throw new TokenUnavailableException(TokenUnavailableReason.CannotDecrypt);
        }
    }
}
