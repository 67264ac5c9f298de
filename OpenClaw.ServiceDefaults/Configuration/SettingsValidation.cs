using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpenClaw.ServiceDefaults.Configuration;

/// <summary>
/// Binds a settings class from configuration and validates it when the host starts, so a missing or malformed
/// setting stops the process before it serves anything. Every failure names the full configuration key
/// (for example <c>ConnectionStrings:redis</c>), because that is what an operator has to fix.
/// </summary>
public static class SettingsValidation
{
    /// <summary>Registers <typeparamref name="T"/> bound from <paramref name="sectionName"/> (root when null) and validated on start.</summary>
    public static OptionsBuilder<T> AddValidatedSettings<T>(this IServiceCollection services, IConfiguration configuration, string? sectionName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = sectionName is null ? configuration : configuration.GetSection(sectionName);
        var builder = services.AddOptions<T>()
            .Bind(section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new KeyNamingValidator<T>(sectionName));
        return builder;
    }

    // The configuration key for a member, as an operator would set it.
    private static string KeyOf(string? sectionName, string member) =>
        string.IsNullOrEmpty(sectionName) ? member : sectionName + ":" + member;

    private sealed class KeyNamingValidator<T>(string? sectionName) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            if (results.Count == 0)
            {
                return ValidateOptionsResult.Success;
            }

            var failures = results.Select(r =>
            {
                var key = r.MemberNames.FirstOrDefault() is { } member ? KeyOf(sectionName, KeyFor(member)) : sectionName ?? typeof(T).Name;
                return $"{key}: {r.ErrorMessage}";
            });
            return ValidateOptionsResult.Fail(failures);
        }

        // Environment-style keys (OTEL_EXPORTER_OTLP_ENDPOINT) are bound through [ConfigurationKeyName].
        private static string KeyFor(string member) =>
            typeof(T).GetProperty(member)?.GetCustomAttributes(typeof(ConfigurationKeyNameAttribute), false)
                .OfType<ConfigurationKeyNameAttribute>().FirstOrDefault()?.Name ?? member;
    }
}
