using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpenClaw.ServiceDefaults.Configuration;

/// <summary>
/// Runs a host and turns a configuration failure at start-up into one clear line on standard error and exit
/// code 78 (EX_CONFIG), instead of a stack trace an operator has to dig through.
/// </summary>
public static class ServiceRunner
{
    /// <summary>Exit code for "configuration error" (sysexits.h EX_CONFIG).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>Runs the host until it stops; returns the process exit code.</summary>
    public static async Task<int> RunServiceAsync(this IHost host, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            // Validate settings before the host builds its hosted services: some construct clients from settings in
            // their constructors (Orleans' Redis providers resolve the keyed Redis client, which parses
            // ConnectionStrings:redis) and would otherwise crash with an unhandled exception that names no key.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (DescribeConfigurationFailure(ex) is { } line)
        {
            await (error ?? Console.Error).WriteLineAsync(line).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>One line naming the bad setting, or null when the failure is not about configuration.</summary>
    public static string? DescribeConfigurationFailure(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            OptionsValidationException ove => "Invalid configuration: " + string.Join("; ", ove.Failures),
            // The configuration binder reports unconvertible values as "Failed to convert configuration value at 'Key' ...".
            InvalidOperationException ioe when ioe.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
                => "Invalid configuration: " + ioe.Message.Split('\n')[0].Trim(),
            AggregateException ae when ae.InnerExceptions.Count == 1 => DescribeConfigurationFailure(ae.InnerExceptions[0]),
            _ when ex.InnerException is not null => DescribeConfigurationFailure(ex.InnerException),
            _ => null,
        };
    }
}
