using Microsoft.AspNetCore.DataProtection;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.Grains.Tokens;

/// <summary>
/// The shop grain's token part (contract §3–§4): keeps the tokens encrypted in <see cref="State"/>, refreshes the
/// access token ahead of its absolute expiry with per-shop jitter, runs at most one refresh at a time, backs off on
/// transient failures, stops on 36004001/36004005 until the seller authorizes again, and raises expiry warnings
/// once. Plain class: the grain persists <see cref="State"/> after calls that change it and forwards
/// <see cref="TakeEvents"/> and <see cref="CollectWarnings"/> to alerts. Thread-safe, though a grain calls it from
/// one turn at a time. Decrypted tokens are only ever returned, never logged, stored or put in an exception.
/// </summary>
public sealed partial class TokenLifecycle
{
    /// <summary>Data Protection purpose of the stored tokens; the shop id is the sub-purpose (<see cref="CreateProtector"/>).</summary>
    public const string ProtectorPurpose = "OpenClaw.Tokens.v1";

    private readonly string _shopId;
    private readonly IDataProtector _protector;
    private readonly ITokenRefresher _refresher;
    private readonly TimeProvider _time;
    private readonly TokenLifecycleOptions _options;
    private readonly Lock _gate = new();
    private readonly List<TokenEvent> _pending = [];
    private Task<RefreshOutcome>? _inFlight;
    private int _generation;
    private bool _issuedByForcedRefresh;
    private bool _currentRejected;

    /// <summary>Creates the lifecycle over <paramref name="state"/>, which it mutates in place.</summary>
    /// <param name="shopId">TikTok shop id: seeds the refresh jitter.</param>
    /// <param name="state">Persisted state (a new one for a shop never connected).</param>
    /// <param name="protector">Protector for the tokens at rest, e.g. from <see cref="CreateProtector"/>.</param>
    /// <param name="refresher">Calls TikTok's refresh endpoint.</param>
    /// <param name="time">Clock for due times, backoff and warnings.</param>
    /// <param name="options">Timing; defaults when null.</param>
    public TokenLifecycle(string shopId, TokenLifecycleState state, IDataProtector protector, ITokenRefresher refresher,
        TimeProvider time, TokenLifecycleOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _shopId = shopId;
        State = state ?? throw new ArgumentNullException(nameof(state));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _refresher = refresher ?? throw new ArgumentNullException(nameof(refresher));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new TokenLifecycleOptions();
        _options.Validate();
        if (State.Status == TokenStatus.Refreshing)
        {
            State.Status = TokenStatus.Valid; // never persisted; defensive for hand-made state
        }
    }

    /// <summary>Options of every refresh call (the shop grain's failed-call report); null for none.</summary>
    public OpenClaw.TikTokShop.Calls.CallOptions? RefreshCallOptions { get; init; }

    /// <summary>The state to persist (tokens only as ciphertext).</summary>
    public TokenLifecycleState State { get; }

    /// <summary>The persisted status, or <see cref="TokenStatus.Refreshing"/> while a refresh is in flight.</summary>
    public TokenStatus Status
    {
        get { lock (_gate) { return _inFlight is { IsCompleted: false } ? TokenStatus.Refreshing : State.Status; } }
    }

    /// <summary>When the access token is due for refresh (UTC, see <see cref="TokenSchedule.DueAt"/>); null without a grant.</summary>
    public DateTimeOffset? DueAt
    {
        get { lock (_gate) { return DueAtCore(); } }
    }

    /// <summary>When the next refresh attempt should run: the later of <see cref="DueAt"/> and the backoff; null unless valid.</summary>
    public DateTimeOffset? NextRefreshAt
    {
        get
        {
            lock (_gate)
            {
                if (State.Status != TokenStatus.Valid || DueAtCore() is not { } due)
                {
                    return null;
                }

                return State.NextAttemptAt is { } next && next > due ? next : due;
            }
        }
    }

    /// <summary>True when the tokens are valid, <paramref name="now"/> is at or past <see cref="DueAt"/> and no backoff is pending.</summary>
    public bool IsRefreshDue(DateTimeOffset now)
    {
        lock (_gate) { return IsRefreshDueCore(now); }
    }

    /// <summary>
    /// Installs a grant from connecting or re-authorizing (contract §3): encrypts the tokens, resets status, failures,
    /// backoff and the webhook-announced authorization expiry. A refresh still in flight is discarded.
    /// </summary>
    public void InstallGrant(TokenGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentException.ThrowIfNullOrEmpty(grant.AccessToken, nameof(grant));
        ArgumentException.ThrowIfNullOrEmpty(grant.RefreshToken, nameof(grant));
        lock (_gate)
        {
            _generation++;
            Install(grant, _time.GetUtcNow(), forced: false);
            State.AuthorizationExpiresAt = null;
        }
    }

    /// <summary>
    /// A usable access token: refreshes first (one refresh in flight, shared by every caller) when the token is
    /// expired or due. After a transient failure the old token is returned while it is still valid.
    /// </summary>
    /// <exception cref="TokenUnavailableException">Not connected, re-authorization needed, or expired and refresh failing.</exception>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        Task<RefreshOutcome>? refresh;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            EnsureConnected();
            if (IsAccessUsable(now) && !IsRefreshDueCore(now))
            {
                return Decrypt(State.ProtectedAccessToken);
            }

            refresh = StartOrJoinRefresh(now, forced: false);
        }

        var outcome = refresh is null ? null : await refresh.WaitAsync(cancellationToken);
        return UsableTokenAfter(outcome);
    }

    /// <summary>
    /// TikTok answered 105002 (access token expired, contract §4) mid-call: forces one refresh and returns the new
    /// token. If <paramref name="rejectedAccessToken"/> is given and a newer token is already installed, that one is
    /// returned without refreshing. A token that a forced refresh has just issued and that is rejected again is not
    /// refreshed again (no loop): <see cref="TokenUnavailableReason.RejectedAfterRefresh"/>.
    /// </summary>
    /// <exception cref="TokenUnavailableException">No new token could be obtained; see its reason.</exception>
    public async Task<string> OnAccessTokenRejectedAsync(string? rejectedAccessToken = null, CancellationToken cancellationToken = default)
    {
        Task<RefreshOutcome>? refresh;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            EnsureConnected();
            if (_inFlight is { IsCompleted: false } running)
            {
                refresh = running;
            }
            else
            {
                var current = Decrypt(State.ProtectedAccessToken);
                if (rejectedAccessToken is not null && !string.Equals(current, rejectedAccessToken, StringComparison.Ordinal)
                    && IsAccessUsable(now))
                {
                    return current;
                }

                _currentRejected = true;
                if (_issuedByForcedRefresh)
                {
                    throw new TokenUnavailableException(TokenUnavailableReason.RejectedAfterRefresh, errorKey: "105002");
                }

                refresh = StartOrJoinRefresh(now, forced: true);
            }
        }

        var outcome = refresh is null ? null : await refresh.WaitAsync(cancellationToken);
        return UsableTokenAfter(outcome);
    }

    private DateTimeOffset? DueAtCore() =>
        State.AccessTokenExpiresAt is { } expiry ? TokenSchedule.DueAt(expiry, State.AccessTokenIssuedAt, _shopId, _options) : null;

    private bool IsRefreshDueCore(DateTimeOffset now) =>
        State.Status == TokenStatus.Valid && DueAtCore() is { } due && now >= due && !(State.NextAttemptAt > now);

    private bool IsAccessUsable(DateTimeOffset now) => !_currentRejected && now < State.AccessTokenExpiresAt;

    private void EnsureConnected()
    {
        switch (State.Status)
        {
            case TokenStatus.None:
                throw new TokenUnavailableException(TokenUnavailableReason.NotConnected);
            case TokenStatus.NeedsReauthorization:
                throw new TokenUnavailableException(TokenUnavailableReason.NeedsReauthorization, errorKey: State.LastErrorKey);
        }
    }

    private string UsableTokenAfter(RefreshOutcome? outcome)
    {
        lock (_gate)
        {
            EnsureConnected();
            if (IsAccessUsable(_time.GetUtcNow()))
            {
                return Decrypt(State.ProtectedAccessToken);
            }

            throw new TokenUnavailableException(TokenUnavailableReason.RefreshFailing, State.NextAttemptAt, State.LastErrorKey,
                outcome?.Error);
        }
    }

    // Under _gate. Joins the refresh in flight or starts one; null while backing off.
    private Task<RefreshOutcome>? StartOrJoinRefresh(DateTimeOffset now, bool forced)
    {
        if (_inFlight is { IsCompleted: false } running)
        {
            return running;
        }

        if (State.NextAttemptAt > now)
        {
            return null;
        }

        _inFlight = RefreshAsync(Decrypt(State.ProtectedRefreshToken), _generation, forced);
        return _inFlight;
    }

    private async Task<RefreshOutcome> RefreshAsync(string refreshToken, int generation, bool forced)
    {
        await Task.Yield(); // leave the caller's lock; in a grain this stays on the activation's scheduler
        TokenGrant? grant = null;
        Exception? failure = null;
        try
        {
            // Not the caller's token: one caller giving up must not cancel the refresh the others wait for.
            grant = await _refresher.RefreshAsync(refreshToken, RefreshCallOptions, CancellationToken.None);
        }
#pragma warning disable CA1031 // Every failure is recorded and backed off; only TikTokShopException (token-free) is passed on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        lock (_gate)
        {
            if (generation != _generation)
            {
                return new RefreshOutcome(null); // a new grant was installed meanwhile
            }

            var now = _time.GetUtcNow();
            if (grant is not null)
            {
                Install(grant, now, forced);
                State.LastRefreshedAt = now;
                return new RefreshOutcome(null);
            }

            var error = failure as TikTokShopException;
            State.ConsecutiveFailures++;
            State.LastErrorKey = error?.Error.Entry.Key ?? "refresh_exception";
            if (error?.Error.Entry.Reaction == OpenClawReaction.Reauthorize)
            {
                State.Status = TokenStatus.NeedsReauthorization;
                State.NextAttemptAt = null;
                _pending.Add(new TokenEvent(TokenEventKind.NeedsReauthorization, now, ErrorCode: error.Error.Code));
            }
            else
            {
                // Transient (network, timeout, 5xx, rate limit, or a garbled answer the catalogue says to retry with
                // backoff): exponential backoff. Anything else cannot succeed soon.
                var retryable = error is null || error.Error.IsRetryable || error.Error.Entry.Reaction == OpenClawReaction.RetryWithBackoff;
                State.NextAttemptAt = now + (retryable ? TokenSchedule.Backoff(State.ConsecutiveFailures, _options) : _options.BackoffMax);
            }

            return new RefreshOutcome(error);
        }
    }

    // Under _gate.
    private void Install(TokenGrant grant, DateTimeOffset now, bool forced)
    {
        State.ProtectedAccessToken = _protector.Protect(grant.AccessToken);
        State.ProtectedRefreshToken = _protector.Protect(grant.RefreshToken);
        State.AccessTokenExpiresAt = grant.AccessTokenExpiresAt.ToUniversalTime();
        State.RefreshTokenExpiresAt = grant.RefreshTokenExpiresAt.ToUniversalTime();
        State.AccessTokenIssuedAt = now;
        State.GrantedScopes = grant.GrantedScopes is { } scopes ? [.. scopes] : State.GrantedScopes;
        State.Status = TokenStatus.Valid;
        State.ConsecutiveFailures = 0;
        State.NextAttemptAt = null;
        State.LastErrorKey = null;
        _issuedByForcedRefresh = forced;
        _currentRejected = false;
    }

    private sealed record RefreshOutcome(TikTokShopException? Error);
}
