using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace OpenClaw.ServiceDefaults.Redis;

/// <summary>The Redis connection string, under the key Aspire injects (<c>ConnectionStrings:redis</c>).</summary>
public sealed class RedisSettings : IValidatableObject
{
    /// <summary>Configuration key of the connection string.</summary>
    public const string Key = "ConnectionStrings:redis";

    /// <summary>StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>.</summary>
    [ConfigurationKeyName(Key)]
    [Required(ErrorMessage = "is required (host:port of Redis or Garnet, e.g. 127.0.0.1:6379)")]
    public string? ConnectionString { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        string? problem = null;
        try
        {
            var parsed = ConfigurationOptions.Parse(ConnectionString);
            if (parsed.EndPoints.Count == 0)
            {
                problem = "names no host:port";
            }
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"is not a valid Redis connection string ({problem})", [nameof(ConnectionString)]);
        }
    }
}
