using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace OpenClaw.ServiceDefaults.Health;

/// <summary>Readiness: the shared Redis connection answers PING within the check's time.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected");
        }

        try
        {
            var ping = redis.GetDatabase().PingAsync();
            var finished = await Task.WhenAny(ping, Task.Delay(Budget, cancellationToken)).ConfigureAwait(false);
            if (finished != ping)
            {
                return HealthCheckResult.Unhealthy($"Redis PING took longer than {Budget.TotalSeconds:0} s");
            }

            var latency = await ping.ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("Redis PING failed: " + ex.GetType().Name);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis PING timed out");
        }
    }
}
