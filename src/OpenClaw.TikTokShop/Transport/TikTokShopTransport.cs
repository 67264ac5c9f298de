using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Signing;
using OpenClaw.TikTokShop.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>
/// Executes logical calls: span, rate budget, resilience pipeline, signing per attempt, bounded body read,
/// envelope interpretation, the caller's one-time token refresh, metrics and logs.
/// </summary>
internal sealed class TikTokShopTransport(
    HttpClient http,
    TikTokShopOptions options,
    IRateBudget budget,
    TimeProvider time,
    CallPipelines pipelines,
    ILogger logger)
{
    private const int TokenExpiredCode = 105002;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public TikTokShopOptions Options => options;

    // validate: optional plausibility check of well-formed data against the clock's now; a non-null answer (the
    // diagnosis) turns the attempt into a bad response, recorded like any other failure (token expiries, contract §3).
    public async Task<TikTokShopResult<T>> SendAsync<T>(
        ApiRequest request, ShopAccess? access, CallOptions? callOptions, JsonTypeInfo<T> dataType, CancellationToken cancellationToken,
        Func<T, DateTimeOffset, string?>? validate = null)
    {
        var state = new CallState<T>(request, access, callOptions ?? CallOptions.Default, dataType) { Validate = validate };
        var started = time.GetTimestamp();
        using var activity = TikTokShopTelemetry.Source.StartActivity(request.Method.Method + " " + request.PathTemplate);
        activity?.SetTag(TikTokShopTelemetry.Attributes.ShopId, state.ShopKey);
        activity?.SetTag(TikTokShopTelemetry.Attributes.ApiPath, request.PathTemplate);

        AttemptOutcome<T> outcome;
        try
        {
            outcome = await ExecuteAsync(state, cancellationToken).ConfigureAwait(false);
            if (outcome.Error is { Code: TokenExpiredCode } && state.Options.RefreshAccessToken is { } refresh && state.Access is { } current)
            {
                var fresh = await refresh(cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(fresh))
                {
                    Log.RetryingWithRefreshedToken(logger, state.ShopKey, request.PathTemplate);
                    state.Access = current.WithAccessToken(fresh);
                    outcome = await ExecuteAsync(state, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RateBudgetPausedException) when (state.LastFailure is { } failed)
        {
            // A retry the budget refused (typically right after a 429 paused the shop): the failed attempt before it
            // is still a failed call the operator must see, unrecovered; the caller comes back at RetryAt.
            await ReportFailureAsync(state, failed, recovered: false, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var result = outcome.Error is { } error
            ? TikTokShopResult.Failure<T>(error, state.Retries)
            : TikTokShopResult.Success(outcome.Value!, state.LastRequestId, state.Retries);
        Record(activity, state, result, time.GetElapsedTime(started));
        if ((result.Error ?? state.LastFailure) is { } reported)
        {
            await ReportFailureAsync(state, reported, result.IsSuccess, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    // Hands a failed logical call to CallOptions.OnFailure with the credentials masked; a broken report never changes
    // the call's outcome.
    private async Task ReportFailureAsync<T>(CallState<T> state, TikTokShopError failed, bool recovered, CancellationToken cancellationToken)
    {
        if (state.Options.OnFailure is not { } onFailure)
        {
            return;
        }

        var request = state.Request;
        var secrets = FailureExcerpts.SecretsOf(request, options.AppSecret, state.InitialAccessToken, state.Access?.AccessToken).ToArray();
        var excerpt = recovered || ReferenceEquals(failed, state.LastFailure) ? state.LastFailureExcerpt : null;
        try
        {
            await onFailure(new FailedCall(request.Method.Method, request.PathTemplate, failed, state.Retries, recovered,
                FailureExcerpts.Request(request, secrets), excerpt is null ? null : FailureExcerpts.Scrub(excerpt, secrets)),
                cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A broken report must not change the call's outcome.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.FailureReportFailed(logger, ex, request.PathTemplate, state.ShopKey);
        }
    }

    private async Task<AttemptOutcome<T>> ExecuteAsync<T>(CallState<T> state, CancellationToken cancellationToken)
    {
        var circuit = pipelines.CircuitFor(state.ShopKey, state.Request.PathTemplate);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallPipelines.RetryObserver, (attempt, delay, key) =>
        {
            TikTokShopTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(TikTokShopTelemetry.Attributes.ApiPath, state.Request.PathTemplate));
            Log.Retrying(logger, state.Request.PathTemplate, state.ShopKey, attempt, delay.TotalMilliseconds, key);
        });
        try
        {
            // Retry around the shop and endpoint's circuit, both on the one context (the retry observer travels in it).
            return await pipelines.Retry.ExecuteAsync(
                static (ctx, s) => s.Circuit.ExecuteAsync(
                    static (ctx, s) => s.Transport.AttemptAsync(s.State, ctx.CancellationToken), ctx, s),
                context,
                (Transport: this, State: state, Circuit: circuit)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return AttemptOutcome<T>.Failure(ResponseInterpreter.Error(null,
                $"No answer within {options.AttemptTimeout.TotalSeconds:0.###} s", state.Request.PathTemplate, ErrorCatalogue.Keys.Timeout));
        }
        catch (BrokenCircuitException)
        {
            return AttemptOutcome<T>.Failure(ResponseInterpreter.Error(null,
                "Circuit open for this shop and endpoint", state.Request.PathTemplate, ErrorCatalogue.Keys.CircuitOpen));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<AttemptOutcome<T>> AttemptAsync<T>(CallState<T> state, CancellationToken cancellationToken)
    {
        var priority = state.Request.Host == ApiHost.Auth ? CallPriority.TokenRefresh : state.Options.Priority;
        state.BudgetWait += await budget.AcquireAsync(state.ShopKey, priority, cancellationToken).ConfigureAwait(false);
        state.Attempts++;
        state.AttemptExcerpt = null;
        AttemptOutcome<T> outcome;
        try
        {
            outcome = await pipelines.AttemptTimeout.ExecuteAsync(
                static (s, token) => s.Transport.ExchangeAsync(s.State, token), (Transport: this, State: state), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            // Retried by the pipeline; remembered in case a later attempt succeeds (ops errors record recovered calls).
            state.LastFailure = ResponseInterpreter.Error(null, $"No answer within {options.AttemptTimeout.TotalSeconds:0.###} s",
                state.Request.PathTemplate, ErrorCatalogue.Keys.Timeout);
            state.LastFailureExcerpt = null;
            throw;
        }

        if (outcome.Error is { } error)
        {
            state.LastFailure = error;
            state.LastFailureExcerpt = state.AttemptExcerpt;
        }

        return outcome;
    }

    /// <summary>One HTTP exchange: build and sign (fresh timestamp), send, read the bounded body, interpret.</summary>
    private async ValueTask<AttemptOutcome<T>> ExchangeAsync<T>(CallState<T> state, CancellationToken cancellationToken)
    {
        using var message = BuildMessage(state.Request, state.Access);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception message may carry the URL; only the error kind is kept. A reset right after a partial
            // answer can surface here rather than while reading the body: it is the same truncation.
            var key = ex.HttpRequestError == HttpRequestError.ResponseEnded ? ErrorCatalogue.Keys.TruncatedResponse : ErrorCatalogue.Keys.Network;
            return AttemptOutcome<T>.Failure(ResponseInterpreter.Error(null,
                "Network failure: " + ex.HttpRequestError, state.Request.PathTemplate, key));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            state.LastHttpStatus = status;
            var retryAfter = RetryAfterOf(response);
            ResponseBody body;
            try
            {
                body = await ResponseBody.ReadAsync(response.Content, options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return AttemptOutcome<T>.Failure(ResponseInterpreter.Error(status,
                    "Body ended prematurely", state.Request.PathTemplate, ErrorCatalogue.Keys.TruncatedResponse));
            }

            using (body)
            {
                if (body.TooLarge)
                {
                    return AttemptOutcome<T>.Failure(ResponseInterpreter.Error(status,
                        $"Body larger than {options.MaxResponseBytes} bytes", state.Request.PathTemplate, ErrorCatalogue.Keys.ResponseTooLarge));
                }

                var outcome = ResponseInterpreter.Interpret(status, body.Span, retryAfter, state.Request.PathTemplate, state.DataType, out var requestId);
                state.LastRequestId = requestId;
                if (outcome.Error is null && state.Validate?.Invoke(outcome.Value!, time.GetUtcNow()) is { } problem)
                {
                    outcome = AttemptOutcome<T>.Failure(ResponseInterpreter.Error(status,
                        "Implausible data: " + problem, state.Request.PathTemplate, ErrorCatalogue.Keys.BadResponse, requestId));
                }

                if (outcome.Error is not null && state.Options.OnFailure is not null)
                {
                    // Raw here; credentials are masked when the report is built (the refreshed token is known only then).
                    state.AttemptExcerpt = FailureExcerpts.Decode(body.Span);
                }

                if (outcome.Error is { Entry.IsRateLimit: true } limited)
                {
                    budget.ReportRateLimited(state.ShopKey, limited.RetryAfter);
                }
                else if (outcome.Error is { Entry.Reaction: OpenClawReaction.PauseUntilNextDay } exhausted)
                {
                    // 45101004: the app's daily quota is used up; the budget pauses the whole app (Retry-After when sent).
                    budget.ReportQuotaExhausted(state.ShopKey, exhausted.RetryAfter);
                }

                return outcome;
            }
        }
    }

    /// <summary>Builds the wire request: common parameters, timestamp from the clock, signature over the exact body bytes.</summary>
    internal HttpRequestMessage BuildMessage(ApiRequest request, ShopAccess? access)
    {
        var query = new List<KeyValuePair<string, string>>(request.Query.Count + 4);
        string baseUrl;
        if (request.Host == ApiHost.Api)
        {
            baseUrl = options.ApiBaseUrl;
            query.Add(new("app_key", options.AppKey));
            query.Add(new("timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (access?.ShopCipher is { Length: > 0 } cipher && ShopScope.RequiresShopCipher(request.Path))
            {
                query.Add(new("shop_cipher", cipher));
            }
        }
        else
        {
            baseUrl = options.AuthBaseUrl;
        }

        query.AddRange(request.Query);
        var url = new StringBuilder(baseUrl.TrimEnd('/')).Append(request.Path);
        var separator = '?';
        foreach (var (key, value) in query)
        {
            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (request.Host == ApiHost.Api)
        {
            var sign = RequestSigner.Sign(options.AppSecret, request.Path, query, request.Body);
            url.Append(separator).Append("sign=").Append(sign);
        }

        var message = new HttpRequestMessage(request.Method, url.ToString());
        if (access is not null && request.Host == ApiHost.Api)
        {
            message.Headers.TryAddWithoutValidation("x-tts-access-token", access.AccessToken);
        }

        if (request.Body is { } bytes)
        {
            message.Content = new ByteArrayContent(bytes);
            message.Content.Headers.ContentType = Json;
        }

        return message;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private void Record<T>(Activity? activity, CallState<T> state, TikTokShopResult<T> result, TimeSpan elapsed)
    {
        var path = new KeyValuePair<string, object?>(TikTokShopTelemetry.Attributes.ApiPath, state.Request.PathTemplate);
        var outcome = new KeyValuePair<string, object?>("outcome", result.IsSuccess ? "success" : result.Error.Category.ToString());
        TikTokShopTelemetry.Calls.Add(1, path, outcome);
        TikTokShopTelemetry.Duration.Record(elapsed.TotalSeconds, path, outcome);

        if (activity is not null)
        {
            activity.SetTag(TikTokShopTelemetry.Attributes.ResponseCode, result.Error?.Code ?? (result.IsSuccess ? 0 : null));
            activity.SetTag(TikTokShopTelemetry.Attributes.RequestId, result.RequestId ?? state.LastRequestId);
            activity.SetTag(TikTokShopTelemetry.Attributes.HttpStatus, state.LastHttpStatus);
            activity.SetTag(TikTokShopTelemetry.Attributes.RetryCount, state.Retries);
            activity.SetTag(TikTokShopTelemetry.Attributes.RateLimitWaitMs, (long)state.BudgetWait.TotalMilliseconds);
        }

        if (result.Error is { } error)
        {
            TikTokShopTelemetry.Errors.Add(1, path, new KeyValuePair<string, object?>("error.key", error.Entry.Key));
            activity?.SetTag(TikTokShopTelemetry.Attributes.ErrorType, error.Entry.Key);
            activity?.SetStatus(ActivityStatusCode.Error, error.Entry.Key);
            Log.CallFailed(logger, state.Request.PathTemplate, state.ShopKey, error.Entry.Key, error.Code, error.HttpStatus, error.RequestId, state.Retries);
        }
    }
}
