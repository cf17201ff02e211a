using Microsoft.Extensions.Options;

namespace AeBot.Hosting;

/// <summary>
/// Every options class registered with ValidateOnStart, checked at once before anything touches the database, so a
/// misconfigured server stops with one line per problem (exit 4) instead of a stack trace after its migrations.
/// </summary>
public static class ConfigurationCheck
{
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.Select(Plain).ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).Select(Plain).ToList();
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value of the wrong type ("64KB" for a number) fails binding before validation.
            return [e.Message];
        }
    }

    // "DataAnnotation validation failed for 'SlackOptions' members: '' with the error: 'Slack:SigningSecret is …'."
    // → the message our options wrote, which names the key to fix.
    private static string Plain(string failure)
    {
        const string marker = "with the error: '";
        var at = failure.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? failure : failure[(at + marker.Length)..].TrimEnd('.').TrimEnd('\'');
    }
}
